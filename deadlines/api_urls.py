from __future__ import annotations

from django.urls import path

from .api import CaseDeadlineListApi, DeadlineMineApi

urlpatterns = [
    path("deadlines/mine/", DeadlineMineApi.as_view(), name="api-deadlines-mine"),
    path(
        "deadlines/case/<int:case_id>/",
        CaseDeadlineListApi.as_view(),
        name="api-deadlines-case",
    ),
]
