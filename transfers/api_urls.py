from __future__ import annotations

from django.urls import path

from . import api

urlpatterns = [
    path("transfers/", api.TransferListApi.as_view(), name="api-transfers"),
    path(
        "transfers/<int:pk>/sign-for/",
        api.TransferSignForApi.as_view(),
        name="api-transfer-sign-for",
    ),
    path("transfers/<int:pk>/accept/", api.TransferAcceptApi.as_view(), name="api-transfer-accept"),
    path("transfers/<int:pk>/reject/", api.TransferRejectApi.as_view(), name="api-transfer-reject"),
]
