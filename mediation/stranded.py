"""No case is ever without someone who can act on it.

A periodic sweep finds the open cases that nobody can act on (their organisation has no active
member able to receive them, and no active assignee) and the routed ones nobody has accepted
within ``MEDIATION_ACCEPT_WORKING_HOURS``; it moves each one step up the ladder (past empty
levels), assigns a mediator there if one is free, and tells the supervisors over it. At the
top of the ladder it only tells them, once per state the case is in.

The move is within the people's-mediation ladder the case was routed into, so no transfer is
written (an escalation a mediator asks for is a hand-off with the parties' consent instead).
"""

from __future__ import annotations

import datetime as dt
import math

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import staffed_organisations
from accounts.models import Membership, Organisation, OrganisationKind, Role
from cases.models import Case, CaseStatus
from cases.record import RecordText, recorded
from cases.services import record_event, transition
from deadlines.services import meet_deadlines
from notifications.services import notify_staff
from transfers.calendar import working_days_ago

from . import ladder, loads
from .models import MediationFile

# Where the ladder runs: the organisations a dispute can be routed to.
LADDER_KINDS = (
    OrganisationKind.VILLAGE_MEDIATION_COMMITTEE,
    OrganisationKind.TOWN_MEDIATION_COMMITTEE,
    OrganisationKind.WORKROOM,
    OrganisationKind.CENTRE_WINDOW,
    OrganisationKind.ONE_STOP_CENTRE,
)
OPEN = (CaseStatus.RECEIVED, CaseStatus.ROUTED, CaseStatus.ACCEPTED, CaseStatus.IN_MEDIATION)
WORKING_HOURS_A_DAY = 8


def acceptance_cutoff(now: dt.datetime | None = None) -> dt.datetime:
    """Routed before this and still not accepted is late: the setting's working hours,
    counted in whole working days of eight hours on the Chinese working calendar."""
    now = now or timezone.now()
    days = max(1, math.ceil(settings.MEDIATION_ACCEPT_WORKING_HOURS / WORKING_HOURS_A_DAY))
    first = working_days_ago(timezone.localtime(now).date(), days)
    return timezone.make_aware(dt.datetime.combine(first, dt.time.min))


def unstaffed_ladder_organisations() -> list[int]:
    ids = list(
        Organisation.objects.filter(kind__in=LADDER_KINDS, is_active=True).values_list(
            "id", flat=True
        )
    )
    staffed = staffed_organisations(ids, ladder.RECEIVING_ROLES)
    inactive = Organisation.objects.filter(kind__in=LADDER_KINDS, is_active=False)
    return sorted({*(set(ids) - staffed), *inactive.values_list("id", flat=True)})


def nobody_can_act() -> QuerySet[Case]:
    """Open cases at an organisation nobody works at (the organisation/status index)."""
    return Case.objects.filter(
        organisation_id__in=unstaffed_ladder_organisations(), status__in=OPEN
    )


def not_accepted_in_time(now: dt.datetime | None = None) -> QuerySet[MediationFile]:
    """Routed cases waiting for acceptance since before the cutoff (the board's stuck index),
    not yet reported for this wait."""
    cutoff = acceptance_cutoff(now)
    return MediationFile.objects.filter(
        status=CaseStatus.ROUTED, status_changed_at__lt=cutoff
    ).exclude(stranded_reported_at__gte=cutoff)


def sweep_stranded(limit: int = 200, now: dt.datetime | None = None) -> int:
    ids = list(nobody_can_act().order_by("status_changed_at").values_list("pk", flat=True)[:limit])
    ids += list(
        not_accepted_in_time(now)
        .order_by("status_changed_at")
        .values_list("case_id", flat=True)[:limit]
    )
    return sum(rescue_case(pk, now=now) for pk in dict.fromkeys(ids))


def rescue_case(case_id: int, *, now: dt.datetime | None = None) -> bool:
    """Move one stranded case up, or report it at the top. Safe to run twice and alongside
    people working the case: the case row is locked and re-examined first."""
    now = now or timezone.now()
    with transaction.atomic():
        case = (
            Case.objects.select_for_update(of=("self",))
            .select_related("organisation", "organisation__parent", "category", "assignee")
            .filter(pk=case_id, status__in=OPEN)
            .first()
        )
        if case is None:
            return False
        nobody = _nobody_can_act(case)
        late = case.status == CaseStatus.ROUTED and case.status_changed_at < acceptance_cutoff(now)
        if not (nobody or late):
            return False
        up = ladder.above(case, case.organisation)
        if up is None:
            return _report_at_top(case, nobody=nobody, now=now)
        return _move_up(case, ladder.receiver_for(case, up), nobody=nobody)


def _nobody_can_act(case: Case) -> bool:
    if case.assignee_id is not None and is_assignee_active(case):
        return False
    return not staffed_organisations([case.organisation_id], ladder.RECEIVING_ROLES)


def is_assignee_active(case: Case) -> bool:
    return (
        Membership.objects.active()
        .filter(user_id=case.assignee_id, user__is_active=True, role=Role.MEDIATOR)
        .exists()
    )


def _why(organisation: Organisation, *, nobody: bool) -> RecordText:
    """Why the case is stranded, as the timeline records it."""
    if nobody:
        return recorded("%(org)s暂无可办理人员", org=organisation.name)
    return recorded("%(org)s超过规定时间无人受理", org=organisation.name)


def _move_up(case: Case, placement: ladder.Placement, *, nobody: bool) -> bool:
    from .services import DEADLINE_KIND, _assign

    source = case.organisation
    target = placement.organisation
    why = _why(source, nobody=nobody)
    previous = case.assignee_id
    case = transition(
        case,
        to=CaseStatus.RECEIVED if case.status == CaseStatus.RECEIVED else CaseStatus.ROUTED,
        allowed_from=OPEN,
        actor=None,
        kind="stranded_moved_up",
        text=recorded("%(why)s，案件已转%(dst)s办理。", why=why, dst=target.name) + placement.note,
        payload={"from": source.code, "to": target.code, "nobody": nobody},
        organisation=target,
        assignee=None,
    )
    loads.shift(previous, None)
    meet_deadlines(case=case, kind=DEADLINE_KIND)
    if case.status == CaseStatus.ROUTED:
        case = _assign(case, None)
    _tell_supervisors(case, why)
    return True


def _report_at_top(case: Case, *, nobody: bool, now: dt.datetime) -> bool:
    """Nothing above: tell the supervisors, once for this wait."""
    reported = MediationFile.objects.filter(case=case).update(stranded_reported_at=now)
    if not reported:
        return False
    why = _why(case.organisation, nobody=nobody)
    record_event(case, kind="stranded_reported", text=recorded("%s，已报中心负责人督办。", why))
    _tell_supervisors(case, why)
    return True


def supervisors_over(case: Case) -> list:
    """The centre supervisors who answer for the case: its county centre's, its town
    committee's, and any on the case's own branch of the tree."""
    codes = [f"centre-{case.county_code}", f"pmc-{case.town_code}"]
    branch = [case.organisation_id, case.organisation.parent_id]
    rows = Membership.objects.active().filter(
        role=Role.CENTRE_SUPERVISOR, user__is_active=True
    ).filter(organisation__code__in=codes) | Membership.objects.active().filter(
        role=Role.CENTRE_SUPERVISOR, user__is_active=True, organisation_id__in=branch
    )
    users = {m.user_id: m.user for m in rows.select_related("user")}
    return list(users.values())


def _tell_supervisors(case: Case, why: str) -> None:
    notify_staff(
        supervisors_over(case),
        kind="case_stranded",
        title=_("督办：%(number)s，%(why)s") % {"number": case.number, "why": why},
        link_url=f"/mediation/cases/{case.pk}/",
    )
