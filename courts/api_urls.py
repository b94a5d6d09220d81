from __future__ import annotations

from django.urls import path

from .api import CourtPreLitigationCreateApi, CourtPreLitigationDetailApi
from .fast_track_api import CourtTrackApi, FastTrackActionApi

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
    path(
        "court/pre-litigation/<str:court_case_number>/track/",
        CourtTrackApi.as_view(),
        name="api-court-track",
    ),
    path(
        "fast-track/<int:pk>/<slug:verb>/", FastTrackActionApi.as_view(), name="api-fast-track-act"
    ),
]
