"""The clerk dashboard's figures, aggregated in the database (100,000 cases stay fast)."""

from __future__ import annotations

import datetime as dt
import statistics

from django.db import connection
from django.db.models import Aggregate, Count, DurationField, ExpressionWrapper, F, Q, QuerySet
from django.utils import timezone

from .models import OPEN_STATUSES, PreLitigationCase, PreLitigationStatus

FINISHED = (PreLitigationStatus.SUCCESS, PreLitigationStatus.FAILED)


class Median(Aggregate):
    """PostgreSQL's ordered-set aggregate; SQLite has none and falls back to Python."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = DurationField()


def filtered(base: QuerySet, *, court=None, cause: str = "", organisation=None) -> QuerySet:
    if court:
        base = base.filter(court=court)
    if cause:
        base = base.filter(cause_of_action=cause)
    if organisation:
        base = base.filter(mediation_organisation=organisation)
    return base


def status_counts(qs: QuerySet) -> list[dict]:
    rows = qs.order_by().values("status").annotate(n=Count("id"))
    counts = {row["status"]: row["n"] for row in rows}
    return [
        {"status": s.value, "label": s.label, "n": counts.get(s.value, 0)}
        for s in PreLitigationStatus
    ]


def year_figures(qs: QuerySet, year: int) -> dict:
    """Success rate and median registration-to-result time of cases registered in a year."""
    start = dt.datetime(year, 1, 1, tzinfo=timezone.get_current_timezone())
    end = dt.datetime(year + 1, 1, 1, tzinfo=timezone.get_current_timezone())
    finished = qs.filter(registered_at__gte=start, registered_at__lt=end, status__in=FINISHED)
    totals = finished.order_by().aggregate(
        total=Count("id"), success=Count("id", filter=Q(status=PreLitigationStatus.SUCCESS))
    )
    duration = ExpressionWrapper(F("result_at") - F("registered_at"), output_field=DurationField())
    if connection.vendor == "postgresql":
        median = finished.order_by().aggregate(m=Median(duration))["m"]
    else:
        values = list(finished.annotate(d=duration).values_list("d", flat=True))
        median = statistics.median(values) if values else None
    total = totals["total"]
    return {
        "year": year,
        "finished": total,
        "success_rate": round(100 * totals["success"] / total, 1) if total else None,
        "median_days": round(median.total_seconds() / 86400, 1) if median else None,
    }


def overdue_count(qs: QuerySet) -> int:
    return qs.filter(status__in=OPEN_STATUSES, due_at__lt=timezone.now()).count()


def open_cases(qs: QuerySet, *, after: tuple[str, int] | None = None, limit: int = 50) -> list:
    """Open cases by days left (keyset: after the last row's due_at and id)."""
    rows = qs.filter(status__in=OPEN_STATUSES).select_related("court", "mediation_organisation")
    if after:
        due, pk = after
        rows = rows.filter(Q(due_at__gt=due) | Q(due_at=due, id__gt=pk))
    return list(rows.order_by("due_at", "id")[:limit])


def awaiting_court(qs: QuerySet, limit: int = 50) -> list:
    """Results back from mediation that the court has not yet acted on (转立案, 民特, ...)."""
    rows = qs.filter(status__in=FINISHED, concluded_at__isnull=True)
    return list(rows.select_related("mediation_organisation").order_by("result_at", "id")[:limit])


def figures(qs: QuerySet, today: dt.date | None = None) -> dict:
    today = today or timezone.localdate()
    return {
        "counts": status_counts(qs),
        "overdue": overdue_count(qs),
        "this_year": year_figures(qs, today.year),
        "last_year": year_figures(qs, today.year - 1),
    }


def base_for(court_ids) -> QuerySet:
    return PreLitigationCase.objects.filter(court_id__in=court_ids)
