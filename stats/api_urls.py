from __future__ import annotations

from django.urls import path

from . import api

urlpatterns = [
    path("stats/overview/", api.StatsOverviewApi.as_view(), name="api-stats-overview"),
    path("stats/report/", api.StatsReportApi.as_view(), name="api-stats-report"),
    path("stats/activities/", api.ActivityListCreateApi.as_view(), name="api-stats-activities"),
    path(
        "stats/activities/upcoming/",
        api.UpcomingEventsApi.as_view(),
        name="api-stats-upcoming",
    ),
]
