"""The clerk dashboard's figures, aggregated in the database (100,000 cases stay fast)."""

from __future__ import annotations

import datetime as dt
import statistics

from django.conf import settings
from django.core.cache import cache
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


def status_counts(qs: QuerySet, year: dict) -> list[dict]:
    """Open cases counted live (a small set, on a partial index); finished ones as counted
    for this year's figures (the all-time totals only grow and say little)."""
    rows = qs.filter(status__in=OPEN_STATUSES).order_by().values("status").annotate(n=Count("id"))
    counts = {row["status"]: row["n"] for row in rows}
    counts.update({s: year[s] for s in ("success", "failed", "rejected")})
    return [
        {
            "status": s.value,
            "label": s.label,
            "n": counts.get(s.value, 0),
            "is_open": s in OPEN_STATUSES,
        }
        for s in PreLitigationStatus
    ]


def year_figures(qs: QuerySet, year: int) -> dict:
    """Success rate and median registration-to-result time of cases registered in a year;
    one query over the covering index on PostgreSQL."""
    start = dt.datetime(year, 1, 1, tzinfo=timezone.get_current_timezone())
    end = dt.datetime(year + 1, 1, 1, tzinfo=timezone.get_current_timezone())
    in_year = qs.filter(registered_at__gte=start, registered_at__lt=end)
    finished = in_year.filter(status__in=FINISHED)
    duration = ExpressionWrapper(F("result_at") - F("registered_at"), output_field=DurationField())
    aggregates = {
        "total": Count("id", filter=Q(status__in=FINISHED)),
        "success": Count("id", filter=Q(status=PreLitigationStatus.SUCCESS)),
        "rejected": Count("id", filter=Q(status=PreLitigationStatus.REJECTED)),
    }
    if connection.vendor == "postgresql":
        totals = in_year.order_by().aggregate(
            **aggregates, median=Median(duration, filter=Q(status__in=FINISHED))
        )
        median = totals["median"]
    else:
        totals = in_year.order_by().aggregate(**aggregates)
        values = list(finished.annotate(d=duration).values_list("d", flat=True))
        median = statistics.median(values) if values else None
    total = totals["total"]
    return {
        "year": year,
        "finished": total,
        "success": totals["success"],
        "failed": total - totals["success"],
        "rejected": totals["rejected"],
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
    page = list(rows.order_by("due_at", "id")[:limit])
    # Days left computed once per page rather than per row and per use in the template.
    today = timezone.localdate()
    for row in page:
        row.days_remaining = (timezone.localdate(row.due_at) - today).days
    return page


def awaiting_court(qs: QuerySet, limit: int = 50) -> list:
    """Results back from mediation that the court has not yet acted on (转立案, 民特, ...)."""
    rows = qs.filter(status__in=FINISHED, concluded_at__isnull=True)
    return list(rows.select_related("mediation_organisation").order_by("result_at", "id")[:limit])


def figures(qs: QuerySet, *, cache_key: str = "", today: dt.date | None = None) -> dict:
    """Counts and overdue are live; the yearly rate and median move slowly and are kept in
    the cache for DASHBOARD_YEAR_FIGURES_SECONDS, per filter."""
    today = today or timezone.localdate()
    key = f"courts:year-figures:{today.year}:{cache_key}"
    years = cache.get(key) if cache_key else None
    if years is None:
        years = (year_figures(qs, today.year), year_figures(qs, today.year - 1))
        if cache_key:
            cache.set(key, years, settings.DASHBOARD_YEAR_FIGURES_SECONDS)
    return {
        "counts": status_counts(qs, years[0]),
        "overdue": overdue_count(qs),
        "this_year": years[0],
        "last_year": years[1],
    }


def base_for(court_ids) -> QuerySet:
    return PreLitigationCase.objects.filter(court_id__in=court_ids)
