"""Token authentication for courts' own case systems: `Authorization: Bearer <key>`."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from accounts.models import Organisation
from accounts.tokens import key_from_header, touch

from .models import CourtToken, hash_token


class CourtSystem:
    """The caller: a court's system, not a person. Carries the court it speaks for."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_superuser = False
    pk = None

    def __init__(self, court: Organisation):
        self.court = court

    def __str__(self) -> str:
        return f"court-system:{self.court.court_code}"


class CourtTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        key = key_from_header(request, self.keyword)
        if key is None:
            return None
        token = (
            CourtToken.objects.active()
            .select_related("court")
            .filter(key_hash=hash_token(key))
            .first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed(_("令牌无效或已吊销。"))
        touch(CourtToken, token, timezone.now())
        return CourtSystem(token.court), token

    def authenticate_header(self, request) -> str:
        return self.keyword


class IsCourtSystem(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return isinstance(request.auth, CourtToken)


class CourtTokenScheme(OpenApiAuthenticationExtension):
    target_class = "courts.authentication.CourtTokenAuthentication"
    name = "courtToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "法院业务系统令牌"}


def issue_token(court: Organisation, name: str = "") -> str:
    """Create a token and return the key; only its hash is kept."""
    key = secrets.token_urlsafe(32)
    CourtToken.objects.create(court=court, name=name, key_prefix=key[:8], key_hash=hash_token(key))
    return key


def rotate_token(token: CourtToken) -> str:
    """A new key for the same court and use, the old one revoked in the same transaction;
    returns the new key (shown once)."""
    with transaction.atomic():
        if not CourtToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        ):
            raise ValueError("token already revoked")
        return issue_token(token.court, token.name)
