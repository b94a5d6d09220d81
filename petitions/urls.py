from __future__ import annotations

from django.urls import path

from . import views

app_name = "petitions"
urlpatterns = [
    path("petitions/", views.petition_list, name="list"),
    path("petitions/new/", views.petition_new, name="new"),
    path("petitions/<int:pk>/", views.petition_detail, name="detail"),
    path("petitions/<int:pk>/<slug:verb>/", views.petition_act, name="act"),
]
