from __future__ import annotations

from django.urls import path

from .api import CourtPreLitigationCreateApi, CourtPreLitigationDetailApi

urlpatterns = [
    path(
        "court/pre-litigation/",
        CourtPreLitigationCreateApi.as_view(),
        name="api-court-pre-litigation",
    ),
    path(
        "court/pre-litigation/<str:court_case_number>/",
        CourtPreLitigationDetailApi.as_view(),
        name="api-court-pre-litigation-detail",
    ),
]
