from __future__ import annotations

from django.urls import path

from . import api, party_views

urlpatterns = [
    path(
        "public/disputes/", api.PublicDisputeCreateApi.as_view(), name="api-public-dispute-create"
    ),
    path(
        "public/disputes/<str:number>/",
        api.PublicDisputeDetailApi.as_view(),
        name="api-public-dispute-detail",
    ),
    path(
        "public/disputes/<str:number>/evidence/",
        api.PublicEvidenceCreateApi.as_view(),
        name="api-public-evidence-create",
    ),
    path("public/categories/", api.PublicCategoryListApi.as_view(), name="api-public-categories"),
    path("public/regions/", api.PublicRegionListApi.as_view(), name="api-public-regions"),
    path("cases/", api.CaseListApi.as_view(), name="api-case-list"),
    path("cases/parties/", api.PartyLookupApi.as_view(), name="api-party-lookup"),
    path("cases/<int:pk>/", api.CaseDetailApi.as_view(), name="api-case-detail"),
    path(
        "cases/<int:pk>/parties/<int:party_pk>/",
        party_views.PartyFactsApi.as_view(),
        name="api-case-party-facts",
    ),
]
