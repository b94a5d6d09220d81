"""Choosing a mediator within an organisation: fair (fewest open cases, then who has waited
longest since their last assignment) and never someone with a stake in the dispute."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, TextField
from django.db.models.functions import Cast

from accounts.models import Membership, Organisation, OrganisationKind, Role
from cases.models import Case

from .models import Recusal

NEVER = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@dataclass
class Candidate:
    """One mediator of a roster. Specialities and the ID hashes they must not mediate for
    are kept as the database's JSON text: assignment only asks whether a code or a hash
    occurs in them, and decoding 400 mediators' lists was most of its cost."""

    user_id: int
    specialities_text: str = ""
    excluded_text: str = ""
    last_assigned_at: dt.datetime | None = None
    open_cases: int = 0

    def sort_key(self) -> tuple:
        return (self.open_cases, self.last_assigned_at or NEVER, self.user_id)

    def has_speciality(self, code: str) -> bool:
        return f'"{code}"' in self.specialities_text

    def is_excluded_by(self, party_hashes: set[str]) -> bool:
        # Hashes are 64 hex characters, so a substring match is an exact match.
        return any(h in self.excluded_text for h in party_hashes)


def roster(organisation: Organisation) -> list[Candidate]:
    """The organisation's active mediators with what assignment needs, in one query. A
    centre's roster is its workrooms' mediators: a case dispatched to the centre itself is
    given to one of them by its supervisor."""
    profile = "user__mediator_profile__"
    where = Q(organisation_id=organisation.pk)
    if organisation.kind == OrganisationKind.ONE_STOP_CENTRE:
        where |= Q(
            organisation__parent_id=organisation.pk, organisation__kind=OrganisationKind.WORKROOM
        )
    rows = (
        Membership.objects.active()
        .filter(where, role=Role.MEDIATOR, user__is_active=True)
        .values_list(
            "user_id",
            Cast(f"{profile}specialities", TextField()),
            f"{profile}id_number_hash",
            Cast(f"{profile}relative_hashes", TextField()),
            Cast(f"{profile}conflict_hashes", TextField()),
            f"{profile}last_assigned_at",
            f"{profile}open_cases",
        )
    )
    return [
        Candidate(
            user_id=user_id,
            specialities_text=specialities or "",
            excluded_text=" ".join(x for x in (own, relatives, conflicts) if x),
            last_assigned_at=last,
            open_cases=open_cases or 0,
        )
        for user_id, specialities, own, relatives, conflicts, last, open_cases in rows
    ]


def eligible(case: Case, candidates: list[Candidate]) -> list[Candidate]:
    """Drops mediators who declared a conflict, are a party or a party's relative, or have
    stepped back from this case before."""
    party_hashes = set(
        case.parties.exclude(id_number_hash="").values_list("id_number_hash", flat=True)
    )
    recused = set(Recusal.objects.filter(case=case).values_list("mediator_id", flat=True))
    return [
        c for c in candidates if c.user_id not in recused and not c.is_excluded_by(party_hashes)
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
    qualified = [c for c in candidates if c.has_speciality(code)] or candidates
    return min(qualified, key=Candidate.sort_key)


def is_eligible(case: Case, organisation: Organisation, user_id: int) -> bool:
    return any(c.user_id == user_id for c in eligible(case, roster(organisation)))
