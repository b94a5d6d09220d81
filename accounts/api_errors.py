"""The API's answer to a refused action: the same refusal a page shows, as data."""

from __future__ import annotations

from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .verbs import ActionRefused


def exception_handler(exc, context):
    """``ActionRefused`` from any service answers its status (403 or 409) with
    ``{"code", "detail", "allowed", "allowed_states"}``; everything else as DRF does."""
    if isinstance(exc, ActionRefused):
        return Response(exc.as_data(), status=exc.status)
    return drf_exception_handler(exc, context)
