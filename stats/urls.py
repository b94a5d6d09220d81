from __future__ import annotations

from django.urls import path

from . import views

app_name = "stats"

urlpatterns = [
    path("stats/", views.dashboard, name="dashboard"),
    path("stats/report/", views.report_page, name="report"),
    path("stats/activities/", views.activity_list, name="activities"),
    path("stats/activities/new/", views.activity_new, name="activity-new"),
    path("stats/cases/<int:pk>/mark/", views.mark_case, name="mark-case"),
    path("activities/upcoming/", views.upcoming, name="upcoming"),
]
