"""The OpenAPI schema and its browsable UI. Open in development; in production (DEBUG off) a
staff login is needed unless API_DOCS_PUBLIC is on, because the schema maps every endpoint an
attacker might try. The UI is Swagger's split view: its script is a file, not inline, so the
Content-Security-Policy holds."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny, BasePermission

from accounts.models import Membership


def is_staff_member(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not getattr(user, "pk", None):
        return False
    return user.is_staff or Membership.objects.active().filter(user=user).exists()


class DocsReaders(BasePermission):
    def has_permission(self, request, view) -> bool:
        return settings.API_DOCS_PUBLIC or is_staff_member(request.user)


class SchemaApi(SpectacularAPIView):
    permission_classes = [DocsReaders]

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class DocsPage(SpectacularSwaggerSplitView):
    permission_classes = [AllowAny]

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        if not (settings.API_DOCS_PUBLIC or is_staff_member(request.user)):
            return redirect_to_login(request.get_full_path())
        return super().get(request, *args, **kwargs)
