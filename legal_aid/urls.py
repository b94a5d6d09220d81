from __future__ import annotations

from django.urls import path

from . import views

app_name = "legal_aid"

urlpatterns = [
    path("legal-aid/apply/", views.apply, name="apply"),
    path("legal-aid/apply/done/", views.applied, name="applied"),
    path("legal-aid/track/", views.track, name="track"),
    path("legal-aid/", views.desk, name="desk"),
    path("legal-aid/applications/", views.application_list, name="list"),
    path("legal-aid/applications/<int:pk>/", views.application_detail, name="application"),
    path(
        "legal-aid/applications/<int:pk>/file-request/",
        views.file_request,
        name="file_request",
    ),
    path(
        "legal-aid/applications/<int:pk>/<slug:verb>/",
        views.application_action,
        name="action",
    ),
    path("legal-aid/from-case/<int:case_pk>/", views.apply_from_case, name="from_case"),
    path("legal-aid/bad-credit/", views.bad_credit, name="bad_credit"),
    path(
        "legal-aid/bad-credit/<int:pk>/remove/", views.bad_credit_remove, name="bad_credit_remove"
    ),
    path("legal-aid/totals/", views.totals_page, name="totals"),
    path("legal-aid/lawyer/", views.lawyer_desk, name="lawyer_desk"),
    path("legal-aid/files/request/", views.file_request_agent, name="file_request_agent"),
    path("legal-aid/files/<int:access_pk>/", views.file_read, name="file_read"),
    path(
        "legal-aid/files/<int:access_pk>/evidence/<int:evidence_pk>/",
        views.file_download,
        name="file_download",
    ),
    path(
        "legal-aid/file-access/<int:access_pk>/<slug:verb>/",
        views.file_decide,
        name="file_decide",
    ),
    path("legal-aid/arbitration/", views.arbitration, name="arbitration"),
    path("legal-aid/arbitration/<int:link_pk>/award/", views.record_award, name="award"),
]
