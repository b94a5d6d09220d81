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
    path("village-affairs/rules/", api.RuleDraftApi.as_view(), name="api-rules"),
    path(
        "village-affairs/rules/<int:pk>/<slug:action>/",
        api.RuleActionApi.as_view(),
        name="api-rule-action",
    ),
    path("village-affairs/postings/", api.PostingDraftApi.as_view(), name="api-postings"),
    path("village-affairs/postings/<int:pk>/", api.PostingDetailApi.as_view(), name="api-posting"),
    path(
        "village-affairs/postings/<int:pk>/<slug:action>/",
        api.PostingActionApi.as_view(),
        name="api-posting-action",
    ),
    path(
        "village-affairs/questions/<int:pk>/answer/",
        api.QuestionAnswerApi.as_view(),
        name="api-question-answer",
    ),
]
