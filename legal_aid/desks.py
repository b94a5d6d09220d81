"""What the officer, the lawyer and the arbitration committee see first. Every list is a few
rows read through an index in list order; nothing counts a whole centre."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.dateparse import parse_datetime

from accounts.access import scope_of
from accounts.models import Role

from .models import (
    Application,
    ApplicationStatus,
    ArbitrationLink,
    ArbitrationStatus,
    FileAccess,
    MatterType,
)

S = ApplicationStatus
ROW_FIELDS = ("case", "lawyer")
PAGE_SIZE = 50


def officer_centres(user) -> list[int]:
    """The centres where the user acts as a legal-aid officer (their subtrees included)."""
    scope = scope_of(user)
    if scope.may_act_city_wide:
        return list(Application.objects.order_by().values_list("centre_id", flat=True).distinct())
    return sorted(scope.roles.get(Role.LEGAL_AID_OFFICER, ()))


def may_see_totals(user) -> bool:
    """The totals, on the page and through the API alike: city-wide readers (leaders, the
    administrator) and legal-aid officers, for the counties in their reach."""
    return scope_of(user).city_wide or bool(officer_centres(user))


def labelled(rows: list[Application]) -> list[Application]:
    """Status and matter names from one dictionary each: get_FOO_display() re-hashes the
    choices and translates on every call, which was most of a list page's time."""
    statuses = {value: str(label) for value, label in S.choices}
    matters = {value: str(label) for value, label in MatterType.choices}
    for row in rows:
        row.status_name = statuses.get(row.status, row.status)
        row.matter_name = matters.get(row.matter_type, row.matter_type)
    return rows


def _rows(qs: QuerySet, limit: int = 10) -> list[Application]:
    return labelled(list(qs.select_related(*ROW_FIELDS).order_by("submitted_at", "id")[:limit]))


def officer_desk(user) -> dict[str, list[Application]]:
    centres = officer_centres(user)
    mine = Application.objects.filter(centre_id__in=centres)
    return {
        "new": _rows(mine.filter(status__in=[S.REFERRED, S.SUBMITTED])),
        "materials": _rows(mine.filter(status=S.MATERIALS_REQUESTED)),
        "review": _rows(mine.filter(status=S.UNDER_REVIEW)),
        "to_assign": _rows(mine.filter(status=S.GRANTED)),
        "objections": _rows(
            mine.filter(
                status__in=[S.REFUSED, S.TERMINATED],
                objection_at__isnull=False,
                objection_answered_at__isnull=True,
            )
        ),
        "to_verify": _rows(mine.filter(needs_verification=True, verified_at__isnull=True)),
    }


def officer_list(user, *, status: str = "", matter_type: str = "", cursor: str = "") -> dict:
    """Keyset pages over (submitted_at, id), newest first, filtered in the URL."""
    qs = Application.objects.filter(centre_id__in=officer_centres(user))
    if status in S.values:
        qs = qs.filter(status=status)
    if matter_type:
        qs = qs.filter(matter_type=matter_type)
    qs = _after(qs, cursor)
    rows = list(qs.select_related(*ROW_FIELDS).order_by("-submitted_at", "-id")[: PAGE_SIZE + 1])
    more = len(rows) > PAGE_SIZE
    rows = labelled(rows[:PAGE_SIZE])
    next_cursor = f"{rows[-1].submitted_at.isoformat()}_{rows[-1].pk}" if more else ""
    return {"rows": rows, "next_cursor": next_cursor}


def _after(qs: QuerySet, cursor: str) -> QuerySet:
    when, _sep, pk = (cursor or "").rpartition("_")
    moment = parse_datetime(when) if when else None
    if moment is None or not pk.isdigit():
        return qs
    return qs.filter(Q(submitted_at__lt=moment) | Q(submitted_at=moment, pk__lt=int(pk)))


def lawyer_desk(user) -> dict:
    mine = Application.objects.filter(lawyer_id=user.pk)
    return {
        "to_accept": _rows(mine.filter(status=S.ASSIGNED), 20),
        "in_progress": _rows(mine.filter(status=S.IN_PROGRESS), 50),
        "accesses": list(
            FileAccess.objects.filter(lawyer_id=user.pk)
            .select_related("case")
            .order_by("-requested_at", "-id")[:20]
        ),
    }


def arbitration_links(user) -> list[ArbitrationLink]:
    scope = scope_of(user)
    committees = sorted(scope.roles.get(Role.ARBITRATION_CLERK, ()))
    links = ArbitrationLink.objects.filter(
        status__in=[ArbitrationStatus.SENT, ArbitrationStatus.ACCEPTED, ArbitrationStatus.AWARDED]
    )
    if not scope.city_wide:
        links = links.filter(committee_id__in=committees)
    return list(
        links.select_related("application__case", "committee", "transfer").order_by(
            "-created_at", "-id"
        )[:50]
    )
