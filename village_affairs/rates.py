"""小事不出村: the share of disputes first handled at village level that were settled there.

A dispute counts in the month its village ledger entry was found or brought (the village
handled it first). Of those concluded, the settled share is the rate: settled in the village /
(settled + referred upwards or elsewhere + ended without agreement). Entries still being worked
are shown beside the rate but not counted in it.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q, QuerySet

from .models import CLOSED_OUTCOMES, LedgerEntry, LedgerOutcome

LEVEL_FIELDS = {"village": "village_id", "town": "town_code", "county": "county_code"}


def small_matters_rates(
    *, level: str, month_from: dt.date, month_to: dt.date, within: str = ""
) -> QuerySet:
    """Rows per region and month: ``region`` (code), ``month`` (first day), ``handled`` (all
    first handled at village level), ``concluded``, ``settled``; the rate is settled /
    concluded. ``within`` limits to a county's or town's code prefix."""
    field = LEVEL_FIELDS[level]
    rows = LedgerEntry.objects.filter(month__gte=month_from, month__lte=month_to)
    if within:
        rows = rows.filter(**{_prefix_field(within): within})
    return (
        rows.values("month", region=F(field))
        .annotate(
            handled=Count("id"),
            concluded=Count("id", filter=Q(outcome__in=CLOSED_OUTCOMES)),
            settled=Count("id", filter=Q(outcome=LedgerOutcome.SETTLED)),
        )
        .order_by("region", "month")
    )


def _prefix_field(code: str) -> str:
    return {6: "county_code", 9: "town_code", 12: "village_id"}[len(code)]


def rate(row: dict) -> float | None:
    return row["settled"] / row["concluded"] if row["concluded"] else None
