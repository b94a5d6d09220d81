"""Totals of legal aid by period, matter type and county: what the leaders' figures (and later
the stats app) read. The period is of the application date, in whole months.

``totals()`` reads the monthly running totals (MonthlyTotal), kept by ``tally()`` in the same
transaction as each change; ``exact_totals()`` aggregates the applications themselves, for a
check and for ``rebuild()``."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.db.models import Avg, Count, F, FloatField, Q, QuerySet, Sum
from django.db.models.functions import Cast, NullIf
from django.utils import timezone

from .models import Application, ApplicationStatus, MonthlyTotal

AIDED = frozenset(
    {
        ApplicationStatus.GRANTED,
        ApplicationStatus.ASSIGNED,
        ApplicationStatus.IN_PROGRESS,
        ApplicationStatus.CLOSED,
    }
)
GROUPS = ("matter_type", "county_code")


def month_of(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date().replace(day=1)


def _row(application: Application) -> MonthlyTotal:
    row, _created = MonthlyTotal.objects.get_or_create(
        month=month_of(application.submitted_at),
        matter_type=application.matter_type,
        county_code=application.county_code,
    )
    return row


def tally(application: Application, *, from_status: str | None, to_status: str, **outcome) -> None:
    """Count a new application (``from_status`` None) or a status change; ``outcome`` carries
    the amount recovered and the satisfaction when the matter closes."""
    changes = {}
    if from_status is None:
        changes["applications"] = F("applications") + 1
    aided = (to_status in AIDED) - (from_status in AIDED)
    closed = (to_status == ApplicationStatus.CLOSED) - (from_status == ApplicationStatus.CLOSED)
    if aided:
        changes["aided"] = F("aided") + aided
    if closed:
        changes["closed"] = F("closed") + closed
    if outcome.get("amount_recovered"):
        changes["recovered"] = F("recovered") + outcome["amount_recovered"]
    if outcome.get("satisfaction"):
        changes["satisfaction_sum"] = F("satisfaction_sum") + outcome["satisfaction"]
        changes["satisfaction_count"] = F("satisfaction_count") + 1
    if changes:
        MonthlyTotal.objects.filter(pk=_row(application).pk).update(**changes)


def totals(start: dt.date, end: dt.date, *, counties: list[str] | None = None) -> QuerySet:
    """One row per matter type and county for the months from ``start`` up to, not
    including, ``end`` (both taken as their month): applications, aided, closed, amount
    recovered (¥) and average satisfaction. ``counties`` None means the whole city."""
    rows = MonthlyTotal.objects.filter(month__gte=start.replace(day=1), month__lt=end)
    if counties is not None:
        rows = rows.filter(county_code__in=counties)
    return (
        rows.order_by()
        .values(*GROUPS)
        .annotate(
            applications=Sum("applications"),
            aided=Sum("aided"),
            closed=Sum("closed"),
            recovered=Sum("recovered"),
            satisfaction=Cast(Sum("satisfaction_sum"), FloatField())
            / NullIf(Sum("satisfaction_count"), 0),
        )
        .filter(applications__gt=0)
        .order_by(*GROUPS)
    )


def exact_totals(start: dt.datetime, end: dt.datetime) -> QuerySet:
    """The same figures aggregated from the applications themselves."""
    return (
        Application.objects.filter(submitted_at__gte=start, submitted_at__lt=end)
        .order_by()
        .values(*GROUPS)
        .annotate(
            applications=Count("id"),
            aided=Count("id", filter=Q(status__in=AIDED)),
            closed=Count("id", filter=Q(status=ApplicationStatus.CLOSED)),
            recovered=Sum("amount_recovered"),
            satisfaction=Avg("satisfaction"),
        )
        .order_by(*GROUPS)
    )


def rebuild() -> int:
    """Recompute every monthly row from the applications (after a bulk import, or to repair);
    one statement each way."""
    MonthlyTotal.objects.all().delete()
    aided = ", ".join(f"'{s}'" for s in sorted(AIDED))
    table = Application._meta.db_table
    month = (
        "date_trunc('month', submitted_at AT TIME ZONE 'Asia/Shanghai')::date"
        if connection.vendor == "postgresql"
        else "date(submitted_at, '+8 hours', 'start of month')"
    )
    sql = f"""
        INSERT INTO {MonthlyTotal._meta.db_table} (month, matter_type, county_code,
            applications, aided, closed, recovered, satisfaction_sum, satisfaction_count)
        SELECT {month}, matter_type, county_code, COUNT(*),
            SUM(CASE WHEN status IN ({aided}) THEN 1 ELSE 0 END),
            SUM(CASE WHEN status = 'closed' THEN 1 ELSE 0 END),
            COALESCE(SUM(amount_recovered), 0), COALESCE(SUM(satisfaction), 0),
            COUNT(satisfaction)
        FROM {table} GROUP BY 1, 2, 3
    """
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.rowcount
