"""小事不出村: the share of disputes first handled at village level that were settled there.

A dispute counts in the month its village ledger entry was found or brought (the village
handled it first). Of those concluded, the settled share is the rate: settled in the village /
(settled + referred upwards or elsewhere + ended without agreement). Entries still being worked
are shown beside the rate but not counted in it.

The counts are kept per village, town and county and month in ``SmallMattersFigure`` as the
ledger changes (``count``), so a table reads one row per region and month.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.db.models import Count, F, Q, QuerySet

from .models import CLOSED_OUTCOMES, LedgerEntry, LedgerOutcome, SmallMattersFigure

LEVEL_FIELDS = {"village": "village_id", "town": "town_code", "county": "county_code"}


def small_matters_rates(
    *, level: str, month_from: dt.date, month_to: dt.date, within: str = ""
) -> QuerySet:
    """Rows per region and month: ``region`` (code), ``month`` (first day), ``handled`` (all
    first handled at village level), ``concluded``, ``settled``; the rate is settled /
    concluded. ``within`` limits to a county's or town's code prefix."""
    rows = SmallMattersFigure.objects.filter(
        level=level, month__gte=month_from, month__lte=month_to
    )
    if within:
        rows = rows.filter(region_code__startswith=within)
    return rows.values(
        "month", "handled", "concluded", "settled", region=F("region_code")
    ).order_by("region_code", "month")


def rate(row: dict) -> float | None:
    return row["settled"] / row["concluded"] if row["concluded"] else None


def count(entry: LedgerEntry, *, handled: int = 0, concluded: int = 0, settled: int = 0) -> None:
    """Add to the figures of the entry's village, town and county for its month, in the
    caller's transaction (an upsert, so concurrent writers add rather than overwrite)."""
    table = SmallMattersFigure._meta.db_table
    month = connection.ops.adapt_datefield_value(entry.month)
    rows = [(level, getattr(entry, field), month) for level, field in LEVEL_FIELDS.items()]
    with connection.cursor() as cursor:
        for level, code, when in rows:
            cursor.execute(
                f"INSERT INTO {table} (level, region_code, month, handled, concluded, settled) "
                "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (level, region_code, month) "
                f"DO UPDATE SET handled = {table}.handled + EXCLUDED.handled, "
                f"concluded = {table}.concluded + EXCLUDED.concluded, "
                f"settled = {table}.settled + EXCLUDED.settled",
                [level, code, when, handled, concluded, settled],
            )


def rebuild_figures() -> int:
    """Recount every figure from the ledger (after a bulk load or a repair)."""
    SmallMattersFigure.objects.all().delete()
    made = 0
    for level, field in LEVEL_FIELDS.items():
        grouped = (
            LedgerEntry.objects.values("month", code=F(field))
            .annotate(
                n=Count("id"),
                c=Count("id", filter=Q(outcome__in=CLOSED_OUTCOMES)),
                s=Count("id", filter=Q(outcome=LedgerOutcome.SETTLED)),
            )
            .order_by()
        )
        made += len(
            SmallMattersFigure.objects.bulk_create(
                (
                    SmallMattersFigure(
                        level=level,
                        region_code=row["code"],
                        month=row["month"],
                        handled=row["n"],
                        concluded=row["c"],
                        settled=row["s"],
                    )
                    for row in grouped
                ),
                batch_size=5000,
            )
        )
    return made
