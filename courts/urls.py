from __future__ import annotations

from django.urls import path

from . import fast_track_views, views

app_name = "courts"
urlpatterns = [
    path("courts/pre-litigation/", views.pre_litigation_dashboard, name="dashboard"),
    path("courts/pre-litigation/new/", views.pre_litigation_new, name="new"),
    path("courts/pre-litigation/<int:pk>/", views.pre_litigation_detail, name="detail"),
    path("courts/pre-litigation/<int:pk>/extend/", views.extend, name="extend"),
    path("courts/pre-litigation/<int:pk>/filing/", views.record_filing, name="filing"),
    path("courts/pre-litigation/<int:pk>/success/", views.record_success, name="success"),
    path(
        "courts/pre-litigation/<int:pk>/preservation/",
        views.request_preservation,
        name="preservation",
    ),
    path(
        "courts/pre-litigation/<int:pk>/preservation/<int:request_pk>/ruling/",
        views.rule_preservation,
        name="preservation_ruling",
    ),
    path("courts/dispatch/<int:transfer_pk>/", views.dispatch, name="dispatch"),
    path("courts/12368/", views.enquiry, name="enquiry"),
    path("courts/tracks/", fast_track_views.tracks, name="tracks"),
    path("courts/fast-track/<int:pk>/take/", fast_track_views.take, name="fast_track_take"),
    path(
        "courts/fast-track/<int:pk>/conclude/",
        fast_track_views.conclude,
        name="fast_track_conclude",
    ),
]
