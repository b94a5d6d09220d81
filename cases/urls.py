from __future__ import annotations

from django.urls import path

from . import party_views, views

urlpatterns = [
    path("disputes/new/", views.dispute_new, name="dispute-new"),
    path("disputes/filed/<int:pk>/", views.dispute_filed, name="dispute-filed"),
    path("disputes/track/", views.dispute_track, name="dispute-track"),
    path("cases/", views.case_list, name="case-list"),
    path("cases/new/", views.case_new, name="case-new"),
    path("cases/export.csv", views.case_export, name="case-export"),
    path("cases/<int:pk>/", views.case_detail, name="case-detail"),
    path(
        "cases/<int:pk>/parties/<int:party_pk>/reveal/",
        views.party_reveal,
        name="case-party-reveal",
    ),
    path(
        "cases/<int:pk>/parties/<int:party_pk>/facts/",
        party_views.party_facts,
        name="case-party-facts",
    ),
    path("cases/<int:pk>/evidence/", views.case_evidence_add, name="case-evidence-add"),
    path(
        "cases/<int:pk>/evidence/<int:evidence_pk>/",
        views.case_evidence_file,
        name="case-evidence-file",
    ),
]
