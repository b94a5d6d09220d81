"""The court's panel on the staff case page (cases.panels): the pre-litigation facts."""

from __future__ import annotations

from .access import courts_for_user
from .models import PreLitigationCase


def case_court_context(request, case) -> dict:
    plc = PreLitigationCase.objects.filter(case=case).select_related("court").first()
    user = getattr(request, "user", None)
    may_open = (
        plc is not None
        and user is not None
        and courts_for_user(user).filter(pk=plc.court_id).exists()
    )
    return {"plc": plc, "may_open": may_open}
