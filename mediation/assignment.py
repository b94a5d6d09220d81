"""Choosing a mediator within an organisation: fair (fewest open cases, then who has waited
longest since their last assignment) and never someone with a stake in the dispute."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from accounts.models import Membership, Role
from cases.models import Case

from .models import Recusal

NEVER = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@dataclass
class Candidate:
    user_id: int
    specialities: list[str] = field(default_factory=list)
    excluded_hashes: set[str] = field(default_factory=set)
    last_assigned_at: dt.datetime | None = None
    open_cases: int = 0

    def sort_key(self) -> tuple:
        return (self.open_cases, self.last_assigned_at or NEVER, self.user_id)


def roster(organisation_id: int) -> list[Candidate]:
    """The organisation's active mediators with what assignment needs, in one query."""
    rows = (
        Membership.objects.active()
        .filter(organisation_id=organisation_id, role=Role.MEDIATOR, user__is_active=True)
        .values_list(
            "user_id",
            "user__mediator_profile__specialities",
            "user__mediator_profile__id_number_hash",
            "user__mediator_profile__relative_hashes",
            "user__mediator_profile__conflict_hashes",
            "user__mediator_profile__last_assigned_at",
            "user__mediator_profile__open_cases",
        )
    )
    candidates = {
        user_id: Candidate(
            user_id=user_id,
            specialities=list(specialities or []),
            excluded_hashes={own, *(relatives or []), *(conflicts or [])} - {"", None},
            last_assigned_at=last,
            open_cases=open_cases or 0,
        )
        for user_id, specialities, own, relatives, conflicts, last, open_cases in rows
    }
    return list(candidates.values())


def eligible(case: Case, candidates: list[Candidate]) -> list[Candidate]:
    """Drops mediators who declared a conflict, are a party or a party's relative, or have
    stepped back from this case before."""
    party_hashes = set(
        case.parties.exclude(id_number_hash="").values_list("id_number_hash", flat=True)
    )
    recused = set(Recusal.objects.filter(case=case).values_list("mediator_id", flat=True))
    return [
        c for c in candidates if c.user_id not in recused and not (c.excluded_hashes & party_hashes)
    ]


def choose(
    case: Case, candidates: list[Candidate], requested_id: int | None = None
) -> Candidate | None:
    """The parties' named mediator when eligible; else the fairest qualified one."""
    if not candidates:
        return None
    by_id = {c.user_id: c for c in candidates}
    if requested_id in by_id:
        return by_id[requested_id]
    code = case.category.code
    qualified = [c for c in candidates if code in c.specialities] or candidates
    return min(qualified, key=Candidate.sort_key)


def is_eligible(case: Case, organisation_id: int, user_id: int) -> bool:
    return any(c.user_id == user_id for c in eligible(case, roster(organisation_id)))
