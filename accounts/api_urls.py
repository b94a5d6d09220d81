from __future__ import annotations

from django.urls import path

from .api import MeApi, TokenObtainApi, TokenRevokeApi

urlpatterns = [
    path("me/", MeApi.as_view(), name="api-me"),
    path("auth/token/", TokenObtainApi.as_view(), name="api-token"),
    path("auth/logout/", TokenRevokeApi.as_view(), name="api-token-revoke"),
]
