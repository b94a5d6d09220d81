from __future__ import annotations

from django.urls import path

from .api import PoliceAccidentReferralCreateApi, PoliceAccidentReferralDetailApi

urlpatterns = [
    path(
        "police/accident-referrals/",
        PoliceAccidentReferralCreateApi.as_view(),
        name="api-police-accident-referrals",
    ),
    path(
        "police/accident-referrals/<str:report_number>/",
        PoliceAccidentReferralDetailApi.as_view(),
        name="api-police-accident-referral-detail",
    ),
]
