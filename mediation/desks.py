"""What the mediator's desk and the supervisor's board show. Every list is bounded and
ordered on an index; every figure is aggregated in the database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from django.db.models import Count, Exists, OuterRef, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import scope_of
from accounts.models import Membership, Organisation, OrganisationKind, Role
from cases.models import Case, CaseStatus

from . import loads as mediator_loads
from .models import (
    AGREEMENT_OUTCOMES,
    Agreement,
    AgreementKind,
    MediationFile,
    MediationSession,
    Performance,
    SessionStatus,
)

LIST_SIZE = 50
# The board is glanced at: a short page per list, the oldest first.
BOARD_LIST_SIZE = 20
# A county supervisor oversees hundreds of committees: the board lists the busiest rooms.
BOARD_ROOMS = 40
# A case that has not moved for this long in routed or accepted is shown as stuck.
STUCK_AFTER = dt.timedelta(days=7)
OPEN_STATUSES = mediator_loads.OPEN_STATUSES


# What a case row of the desk and the board shows (and the API's brief of a case).
BRIEF_FIELDS = (
    "id",
    "number",
    "status",
    "status_changed_at",
    "filed_at",
    "claim_amount",
    "category__name",
    "organisation__name",
    "assignee_id",
    "village_id",
)


def _cases():
    return Case.objects.select_related("category", "organisation").only(*BRIEF_FIELDS)


def _day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return start, start + dt.timedelta(days=1)


def mediator_desk(user) -> dict:
    """The mediator's own cases and sessions, while they hold an active mediator's
    membership (checked inside each query: a member switched off sees an empty desk)."""
    start, end = _day_bounds(timezone.localdate())
    on_staff = Exists(
        Membership.objects.active().filter(user=OuterRef("assignee"), role=Role.MEDIATOR)
    )
    mine = _cases().filter(on_staff, assignee=user)
    return {
        "waiting": list(
            mine.filter(status=CaseStatus.ROUTED).order_by("status_changed_at")[:LIST_SIZE]
        ),
        "queue": list(
            mine.filter(status__in=[CaseStatus.ACCEPTED, CaseStatus.IN_MEDIATION]).order_by(
                "status_changed_at"
            )[:LIST_SIZE]
        ),
        "after": finishing(user),
        "today": list(
            MediationSession.objects.filter(
                Exists(
                    Membership.objects.active().filter(
                        user=OuterRef("mediator"), role=Role.MEDIATOR
                    )
                ),
                mediator=user,
                starts_at__gte=start,
                starts_at__lt=end,
            )
            .exclude(status=SessionStatus.CANCELLED)
            .select_related("case", "room")
            .order_by("starts_at")[:LIST_SIZE]
        ),
    }


# After an outcome the case stays on its mediator's desk until it is closed.
FINISHING = (CaseStatus.AGREEMENT, CaseStatus.FAILED)


def finishing(user) -> list[dict]:
    """The mediator's cases with an outcome but not yet closed, each with what is still to
    do: the signed copy, the follow-up visit, judicial confirmation, the referral, closing.
    Two queries whatever the number of cases."""
    on_staff = Exists(
        Membership.objects.active().filter(user=OuterRef("assignee"), role=Role.MEDIATOR)
    )
    files = list(
        MediationFile.objects.filter(on_staff, assignee=user, status__in=FINISHING)
        .select_related("case", "case__category")
        .order_by("status_changed_at")[:LIST_SIZE]
    )
    agreements = {
        a.case_id: a
        for a in Agreement.objects.filter(case_id__in=[f.case_id for f in files]).only(
            "case_id", "kind", "signed_copy"
        )
    }
    return [{"case": f.case, "todo": _still_to_do(f, agreements.get(f.case_id))} for f in files]


def _still_to_do(file: MediationFile, agreement: Agreement | None) -> list[str]:
    todo = []
    if file.status == CaseStatus.AGREEMENT and agreement is not None:
        if agreement.kind == AgreementKind.WRITTEN and not agreement.signed_copy:
            todo.append(_("上传签字协议书"))
        if file.performance in ("", Performance.NOT_YET, Performance.PARTLY):
            todo.append(_("回访履行情况"))
        if not file.judicial_confirmation_requested_at:
            todo.append(_("告知可申请司法确认"))
    if file.status == CaseStatus.FAILED and not file.referral:
        todo.append(_("引导当事人选择其他途径"))
    todo.append(_("结案"))
    return todo


def supervised_organisations(user, centre: Organisation | None = None) -> list[int]:
    """The organisations a supervisor watches: their centre's subtree. Administrators pick
    a centre."""
    scope = scope_of(user)
    # City-wide readers (administrators, leaders, who only look) name a centre to watch.
    if centre is not None and scope.city_wide:
        return sorted(Organisation.objects.subtree_ids([centre.pk]))
    return sorted(scope.roles.get(Role.CENTRE_SUPERVISOR, frozenset()))


def _files_in(organisation_ids: Collection[int]):
    """Mediation files of these organisations with what the board shows of each (its case's
    brief, the handling organisation), not the cases' whole rows. Each list reads a partial
    index in its order and stops after a page, so the planner is not made to weigh the
    thousand organisations one by one (``__any_opaque``)."""
    return (
        MediationFile.objects.filter(organisation_id__any_opaque=organisation_ids)
        .select_related("case", "case__category", "case__organisation", "organisation")
        .only(
            "case_id",
            "organisation_id",
            "status",
            "status_changed_at",
            "mediation_due_at",
            "organisation__code",
            "organisation__name",
            *(f"case__{name}" for name in BRIEF_FIELDS),
        )
    )


def supervisor_board(organisation_ids: Collection[int]) -> dict:
    """Read from the mediation files' mirror of the cases and the kept mediator loads, so
    nothing here grows with the number of cases."""
    now = timezone.now()
    organisation_ids = frozenset(organisation_ids)  # one array for every query (see __any)
    roster = Membership.objects.active().filter(
        organisation_id__any=organisation_ids, role=Role.MEDIATOR
    )
    # The most loaded first; a centre may have hundreds of mediators, so one page of them.
    loads = list(
        roster.select_related("user", "organisation")
        .only(
            "user_id",
            "organisation_id",
            "user__username",
            "user__first_name",
            "user__last_name",
            "organisation__code",
            "organisation__name",
        )
        .annotate(open_cases=Coalesce("user__mediator_profile__open_cases", 0))
        .order_by("-open_cases", "user_id")[:BOARD_LIST_SIZE]
    )
    rooms = (
        roster.values(
            "organisation_id", "organisation__code", "organisation__name", "organisation__kind"
        )
        .annotate(
            mediators=Count("id"),
            open_cases=Coalesce(Sum("user__mediator_profile__open_cases"), 0),
        )
        .order_by("-open_cases", "organisation__code")[:BOARD_ROOMS]
    )
    return {
        "unassigned": [
            f.case
            for f in _files_in(organisation_ids)
            .filter(status__in=[CaseStatus.RECEIVED, CaseStatus.ROUTED], assignee__isnull=True)
            .order_by("status_changed_at")[:BOARD_LIST_SIZE]
        ],
        "stuck": [
            f.case
            for f in _files_in(organisation_ids)
            .filter(
                status__in=[CaseStatus.ROUTED, CaseStatus.ACCEPTED],
                status_changed_at__lt=now - STUCK_AFTER,
            )
            .order_by("status_changed_at")[:BOARD_LIST_SIZE]
        ],
        "overdue": list(
            _files_in(organisation_ids)
            .filter(mediation_due_at__lt=now)
            .order_by("mediation_due_at")[:BOARD_LIST_SIZE]
        ),
        "loads": [{"membership": m, "open_cases": m.open_cases} for m in loads],
        "workrooms": [
            {
                "organisation": Organisation(
                    pk=r["organisation_id"],
                    code=r["organisation__code"],
                    name=r["organisation__name"],
                    kind=r["organisation__kind"],
                ),
                "mediators": r["mediators"],
                "open_cases": r["open_cases"],
            }
            for r in rooms
        ],
    }


def room_calendar(room: Organisation, first_day: dt.date, days: int = 7) -> list[dict]:
    start, _end = _day_bounds(first_day)
    end = start + dt.timedelta(days=days)
    sessions = list(
        MediationSession.objects.booked()
        .filter(room=room, starts_at__gte=start, starts_at__lt=end)
        .select_related("case", "mediator")
        .order_by("starts_at")
    )
    calendar = []
    for offset in range(days):
        day = first_day + dt.timedelta(days=offset)
        calendar.append(
            {
                "day": day,
                "sessions": [s for s in sessions if timezone.localtime(s.starts_at).date() == day],
            }
        )
    return calendar


def village_resolutions(organisation_ids: Collection[int], limit: int = LIST_SIZE) -> list[dict]:
    """Per village of the supervised counties: disputes its committee resolved by agreement
    without passing them up (小事不出村)."""
    counties = list(
        Organisation.objects.filter(pk__any=organisation_ids, kind=OrganisationKind.ONE_STOP_CENTRE)
        .exclude(region__isnull=True)
        .values_list("region_id", flat=True)
    )
    return village_resolution_counts([c[:6] for c in counties], limit)


def village_resolution_counts(county_codes: list[str], limit: int = LIST_SIZE) -> list[Any]:
    return list(
        MediationFile.objects.filter(
            outcome__in=AGREEMENT_OUTCOMES,
            escalations=0,
            case__organisation__kind=OrganisationKind.VILLAGE_MEDIATION_COMMITTEE,
            case__county_code__in=county_codes,
        )
        .values("case__village_id", "case__village__name")
        .annotate(resolved=Count("id"))
        .order_by("-resolved", "case__village_id")[:limit]
    )
