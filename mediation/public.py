"""What the public tracking page shows about mediation: where the case is, who mediates it
and when the next session is. Only what a party may see: a mediator's family name, never
their contact details."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case

from .models import MediationSession


def public_status(case: Case) -> dict:
    session = (
        MediationSession.objects.booked()
        .filter(case=case, starts_at__gte=timezone.now(), status="scheduled")
        .select_related("room")
        .order_by("starts_at")
        .first()
    )
    mediator = case.assignee
    return {
        "organisation_name": case.organisation.name,
        "mediator_name": _("%(surname)s调解员") % {"surname": mediator.last_name}
        if mediator and mediator.last_name
        else "",
        "next_session_at": session.starts_at if session else None,
        "next_session_place": (session.room.name if session.room else session.place)
        if session
        else "",
    }
