"""Choosing a lawyer from a centre's roster, fair the way mediators are chosen
(mediation.assignment): among those who take the matter type, the fewest open legal-aid
matters, then who has waited longest since their last assignment; never one who declined it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from accounts.models import Membership, Role

from .models import Application, RosterEntry

NEVER = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@dataclass
class Candidate:
    entry_id: int
    lawyer_id: int
    law_firm_id: int | None
    matter_types: list[str]
    open_cases: int
    last_assigned_at: dt.datetime | None

    def sort_key(self) -> tuple:
        return (self.open_cases, self.last_assigned_at or NEVER, self.lawyer_id)


def roster(centre_id: int) -> list[Candidate]:
    """The centre's active roster: lawyers whose account and lawyer membership are active."""
    active_lawyers = Membership.objects.active().filter(role=Role.LAWYER, user__is_active=True)
    rows = RosterEntry.objects.filter(
        centre_id=centre_id,
        is_active=True,
        lawyer_id__in=active_lawyers.values("user_id"),
    ).values_list(
        "pk", "lawyer_id", "law_firm_id", "matter_types", "open_cases", "last_assigned_at"
    )
    return [Candidate(*row) for row in rows]


def eligible(application: Application, candidates: list[Candidate]) -> list[Candidate]:
    declined = set(application.declined_lawyer_ids or [])
    return [c for c in candidates if c.lawyer_id not in declined]


def choose(application: Application, candidates: list[Candidate]) -> Candidate | None:
    if not candidates:
        return None
    qualified = [c for c in candidates if application.matter_type in c.matter_types]
    return min(qualified or candidates, key=Candidate.sort_key)


def find(application: Application, lawyer_id: int) -> Candidate | None:
    """The named lawyer when on the centre's active roster and not one who declined."""
    candidates = eligible(application, roster(application.centre_id))
    return next((c for c in candidates if c.lawyer_id == lawyer_id), None)
