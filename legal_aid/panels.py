"""Panels: the legal-aid section of the staff case page, the public tracking panel, and the
desk summaries of the officer, the lawyer and the arbitration committee."""

from __future__ import annotations

from django.db.models import Q

from accounts.access import may_act
from accounts.templatetags.people import person_name

from . import desks
from .models import Application, FileAccess, FileAccessStatus
from .verbs import ACCESS_VERBS


def case_panel(request, case) -> dict:
    """On a legal-aid file: its application; on any other case: applications it led to, and
    requests from lawyers to read it (for its handling organisation to decide). Two queries:
    the applications either way round, and the reading requests when the user may decide."""
    rows = list(
        Application.objects.filter(Q(case=case) | Q(source_case=case))
        .select_related("case", "lawyer")
        .order_by("-id")[:6]
    )
    own = next((a for a in rows if a.case_id == case.pk), None)
    may_decide = may_act(request.user, case.organisation_id)
    accesses = []
    if may_decide:
        for access in FileAccess.objects.filter(case=case).select_related("lawyer")[:10]:
            accesses.append(
                {"access": access, "verbs": ACCESS_VERBS.available(request.user, access)}
            )
    return {
        "case": case,
        "application": own,
        "derived": [a for a in rows if a.case_id != case.pk][:5],
        "accesses": accesses,
        "may_apply": may_decide and case.is_open and own is None,
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
