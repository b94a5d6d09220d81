"""A case found by its number and tracking code, for people without an account (the public
tracking page, the public API, legal aid's tracking): and the one answer given when either
is wrong, so that neither can be probed."""

from __future__ import annotations

import secrets

from django.utils.translation import gettext as _
from rest_framework.response import Response

from .models import Case


def public_case(number: str, code: str) -> Case | None:
    case = Case.objects.select_related("category").filter(number=number).first()
    if case is None or not secrets.compare_digest(case.tracking_code, (code or "").upper()):
        return None
    return case


def not_found() -> Response:
    # The same answer for an unknown number and a wrong code, so neither can be probed.
    return Response({"detail": _("未找到该案件，请核对案件编号和查询码。")}, status=404)
