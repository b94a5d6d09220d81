"""The ladder a dispute climbs when a level cannot take it: village committee → town committee →
the county centre's workroom for its kind of dispute → the county centre itself.

An organisation with nobody able to act never receives a case: routing, escalation, dispatch and
the stranded-case sweep all place a case through :func:`receiver_for`, which climbs past empty
levels and says so on the timeline.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from accounts.access import staffed_organisations
from accounts.models import Organisation, OrganisationKind, Role
from cases.models import Case
from cases.record import recorded

from .routing import WORKROOM_FOR_CATEGORY

# Who makes an organisation able to receive a dispute: someone to mediate it, or a supervisor
# (or, at the window, a clerk) to pass it on.
RECEIVING_ROLES = {Role.MEDIATOR, Role.CENTRE_SUPERVISOR, Role.WINDOW_CLERK}


def next_level(case: Case, organisation: Organisation) -> Organisation | None:
    """The level a case is escalated to from ``organisation``: village committee → town
    committee → the county centre's workroom for its kind of dispute (or the centre). The
    centre and its workrooms are the top."""
    kind = organisation.kind
    if kind == OrganisationKind.VILLAGE_MEDIATION_COMMITTEE:
        return _by_code([f"pmc-{case.town_code}", f"centre-{case.county_code}"])
    if kind == OrganisationKind.TOWN_MEDIATION_COMMITTEE:
        key = WORKROOM_FOR_CATEGORY.get(case.category.code)
        return _by_code([f"room-{case.county_code}-{key}", f"centre-{case.county_code}"])
    return None


def above(case: Case, organisation: Organisation) -> Organisation | None:
    """Where a case goes when nobody at ``organisation`` can act: the next level, or from a
    workroom or the window their centre, whose supervisor assigns a mediator of any of its
    workrooms."""
    up = next_level(case, organisation)
    if up is not None:
        return up
    parent = organisation.parent
    if organisation.kind in (OrganisationKind.WORKROOM, OrganisationKind.CENTRE_WINDOW) and (
        parent is not None and parent.kind == OrganisationKind.ONE_STOP_CENTRE
    ):
        return parent
    return None


def _by_code(codes: list[str]) -> Organisation | None:
    found = {o.code: o for o in Organisation.objects.filter(code__in=codes, is_active=True)}
    return next((found[code] for code in codes if code in found), None)


def is_staffed(organisation: Organisation) -> bool:
    return organisation.pk in staffed_organisations([organisation.pk], RECEIVING_ROLES)


@dataclass
class Placement:
    organisation: Organisation
    skipped: list[Organisation] = field(default_factory=list)

    @property
    def note(self) -> str:
        """What the timeline says when the case went past empty levels, else nothing."""
        if not self.skipped:
            return ""
        return recorded(
            "%(skipped)s暂无可办理人员，改由%(org)s办理。",
            skipped="、".join(o.name for o in self.skipped),
            org=self.organisation.name,
        )


def receiver_for(case: Case, organisation: Organisation) -> Placement:
    """``organisation`` if someone there can act, else the first level above it that has
    someone; the top of the ladder takes the case whatever (its supervisor is told)."""
    skipped: list[Organisation] = []
    current = organisation
    while not is_staffed(current):
        up = above(case, current)
        if up is None or up in skipped:
            break
        skipped.append(current)
        current = up
    return Placement(current, skipped)
