from __future__ import annotations

from django.urls import path

from . import api

urlpatterns = [
    # Public contract paths.
    path("villages/<str:code>/rules/", api.VillageRulesApi.as_view(), name="api-village-rules"),
    path(
        "villages/<str:code>/postings/",
        api.VillagePostingsApi.as_view(),
        name="api-village-postings",
    ),
    # Staff.
    path(
        "village-affairs/homestead-applications/",
        api.HomesteadApplicationListApi.as_view(),
        name="api-homestead-applications",
    ),
    path(
        "village-affairs/homestead-applications/<int:pk>/",
        api.HomesteadApplicationDetailApi.as_view(),
        name="api-homestead-application",
    ),
    path(
        "village-affairs/homestead-applications/<int:pk>/<slug:action>/",
        api.HomesteadApplicationActionApi.as_view(),
        name="api-homestead-application-action",
    ),
    path("village-affairs/parcels/", api.ParcelListApi.as_view(), name="api-parcels"),
    path("village-affairs/parcels/<int:pk>/", api.ParcelDetailApi.as_view(), name="api-parcel"),
    path("village-affairs/ledger/", api.LedgerListApi.as_view(), name="api-ledger"),
    path(
        "village-affairs/ledger/<int:pk>/close/",
        api.LedgerCloseApi.as_view(),
        name="api-ledger-close",
    ),
    path("village-affairs/rounds/", api.RoundReportApi.as_view(), name="api-rounds"),
    path("village-affairs/rates/", api.SmallMattersRatesApi.as_view(), name="api-rates"),
]
