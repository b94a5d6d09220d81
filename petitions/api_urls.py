from __future__ import annotations

from django.urls import path

from .api import PetitionActionApi, PetitionDetailApi, PetitionListApi

urlpatterns = [
    path("petitions/", PetitionListApi.as_view(), name="api-petitions"),
    path("petitions/<int:pk>/", PetitionDetailApi.as_view(), name="api-petition"),
    path("petitions/<int:pk>/<slug:verb>/", PetitionActionApi.as_view(), name="api-petition-act"),
]
