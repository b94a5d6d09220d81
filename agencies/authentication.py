"""`Authorization: Bearer <key>` for agencies' own systems (DRF)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from accounts.models import Organisation

from .models import AgencyToken
from .tokens import token_for_key


class AgencySystem:
    """The caller: an agency's system, not a person. Carries the organisation it speaks for."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_superuser = False
    pk = None

    def __init__(self, organisation: Organisation):
        self.organisation = organisation

    def __str__(self) -> str:
        return f"agency-system:{self.organisation.code}"


class AgencyTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode(errors="replace") != self.keyword:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("令牌格式不正确。"))
        token = token_for_key(header[1].decode(errors="replace"))
        if token is None:
            raise exceptions.AuthenticationFailed(_("令牌无效或已吊销。"))
        return AgencySystem(token.organisation), token

    def authenticate_header(self, request) -> str:
        return self.keyword


def agency_of_kind(kind: str) -> type[permissions.BasePermission]:
    """A permission letting in only the systems of one kind of agency."""

    class IsAgencyOfKind(permissions.BasePermission):
        def has_permission(self, request, view) -> bool:
            return isinstance(request.auth, AgencyToken) and request.auth.organisation.kind == kind

    return IsAgencyOfKind


class AgencyTokenScheme(OpenApiAuthenticationExtension):
    target_class = "agencies.authentication.AgencyTokenAuthentication"
    name = "agencyToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "外部机构业务系统令牌"}
