from __future__ import annotations

from django.urls import path

from . import api

urlpatterns = [
    path("public/legal-aid/", api.PublicLegalAidCreateApi.as_view(), name="api-public-legal-aid"),
    path(
        "public/legal-aid/<str:number>/",
        api.PublicLegalAidDetailApi.as_view(),
        name="api-public-legal-aid-detail",
    ),
    path(
        "legal-aid/applications/",
        api.ApplicationListApi.as_view(),
        name="api-legal-aid-applications",
    ),
    path(
        "legal-aid/applications/<int:pk>/",
        api.ApplicationDetailApi.as_view(),
        name="api-legal-aid-application",
    ),
    path(
        "legal-aid/applications/<int:pk>/<slug:verb>/",
        api.ApplicationActionApi.as_view(),
        name="api-legal-aid-action",
    ),
    path("legal-aid/totals/", api.TotalsApi.as_view(), name="api-legal-aid-totals"),
]
