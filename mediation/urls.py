from __future__ import annotations

from django.urls import path

from . import document_views, views

app_name = "mediation"

urlpatterns = [
    path("mediation/desk/", views.desk, name="desk"),
    path("mediation/board/", views.board, name="board"),
    path("mediation/rooms/<int:room_id>/calendar/", views.room_calendar, name="calendar"),
    path("mediation/cases/<int:pk>/", views.case_detail, name="case"),
    path(
        "mediation/cases/<int:pk>/documents/<slug:which>/",
        views.agreement_document,
        name="document",
    ),
    path("mediation/cases/<int:pk>/papers/<slug:which>/", document_views.paper, name="paper"),
    path("mediation/cases/<int:pk>/<slug:verb>/", views.case_action, name="action"),
]
