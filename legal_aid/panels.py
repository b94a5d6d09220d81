"""Panels: the legal-aid section of the staff case page, the public tracking panel, and the
desk summaries of the officer, the lawyer and the arbitration committee."""

from __future__ import annotations

from accounts.access import may_act
from accounts.templatetags.people import person_name

from . import desks
from .models import Application, FileAccess, FileAccessStatus
from .verbs import ACCESS_VERBS


def case_panel(request, case) -> dict:
    """On a legal-aid file: its application; on any other case: applications it led to, and
    requests from lawyers to read it (for its handling organisation to decide)."""
    own = Application.objects.filter(case=case).select_related("lawyer").first()
    derived = list(
        Application.objects.filter(source_case=case).select_related("case").order_by("-id")[:5]
    )
    accesses = []
    if may_act(request.user, case.organisation_id):
        for access in FileAccess.objects.filter(case=case).select_related("lawyer")[:10]:
            accesses.append(
                {"access": access, "verbs": ACCESS_VERBS.available(request.user, access)}
            )
    return {
        "case": case,
        "application": own,
        "derived": derived,
        "accesses": accesses,
        "may_apply": may_act(request.user, case.organisation_id) and case.is_open,
        "pending": FileAccessStatus.REQUESTED,
    }


def public_status(case) -> dict | None:
    application = Application.objects.filter(case=case).select_related("lawyer").first()
    if application is None:
        return None
    return {
        "status": application.status,
        "status_name": str(application.get_status_display()),
        "matter_type": application.matter_type,
        "missing_materials": application.missing_materials,
        "decision": application.decision_text,
        "lawyer": person_name(application.lawyer) if application.lawyer else "",
    }


def officer_panel(request, membership) -> dict:
    data = desks.officer_desk(request.user)
    return {key: rows[:5] for key, rows in data.items()}


def lawyer_panel(request, membership) -> dict:
    data = desks.lawyer_desk(request.user)
    return {"to_accept": data["to_accept"][:5], "in_progress": data["in_progress"][:5]}


def arbitration_panel(request, membership) -> dict:
    return {"links": desks.arbitration_links(request.user)[:5]}
