"""How the API answers what goes wrong: accounts.api_errors (refused actions, then DRF's own
handling), plus two refusals neither knows.

A Django ValidationError raised by a service (a rule of the domain) is the caller's mistake:
400 with its messages. A DataError is the database refusing a value (a number beyond its
column, say) that a serializer let through: also the caller's mistake, 400, and logged so that
the serializer gets its bound.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.response import Response

from accounts.api_errors import exception_handler as refusals_handler

log = logging.getLogger("zhanjiang_portal.api")


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        return Response(detail, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DataError):
        view = type(context.get("view")).__name__
        log.warning("database refused a value in %s: %s", view, str(exc).splitlines()[0])
        return Response({"detail": _("提交的数值超出允许范围。")}, status=400)
    # A refused action (accounts.verbs.ActionRefused), then everything else as DRF does.
    return refusals_handler(exc, context)
