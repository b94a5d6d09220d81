from __future__ import annotations

from django.urls import path

from . import views

app_name = "enquiries"
urlpatterns = [
    path("enquiries/12368/", views.lookup, name="lookup"),
    path("enquiries/cases/<int:case_pk>/password/", views.issue_password, name="issue_password"),
]
