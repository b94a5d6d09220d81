"""Desk panels: a short summary on the staff desk that links to the full pages."""

from __future__ import annotations

from django.utils import timezone

from . import desks
from .models import MediationFile, MediationSession, SessionStatus


def mediator_panel(request, membership) -> dict:
    data = desks.mediator_desk(request.user)
    return {key: value[:5] for key, value in data.items()}


def board_panel(request, membership) -> dict:
    board = desks.supervisor_board(desks.supervised_organisations(request.user))
    return {"unassigned": board["unassigned"][:5], "overdue": board["overdue"][:5]}


def case_panel(request, case) -> dict:
    """The staff case page's mediation section: where routing sent the case and by which
    rule, who mediates, the next session, and the way to the mediation page."""
    file = MediationFile.objects.filter(case=case).select_related("rule").first()
    session = (
        MediationSession.objects.filter(
            case=case, status=SessionStatus.SCHEDULED, starts_at__gte=timezone.now()
        )
        .select_related("room")
        .order_by("starts_at")
        .first()
    )
    return {
        "case": case,
        "file": file,
        "rule": file.rule if file else None,
        "next_session": session,
        "next_session_place": (session.room.name if session.room else session.place)
        if session
        else "",
    }
