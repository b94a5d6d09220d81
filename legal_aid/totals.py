"""Totals of legal aid by period, matter type and county, aggregated in the database: what the
leaders' figures (and later the stats app) read. The period is of the application date."""

from __future__ import annotations

import datetime as dt

from django.db.models import Avg, Count, Q, QuerySet, Sum

from .models import Application, ApplicationStatus

AIDED = [
    ApplicationStatus.GRANTED,
    ApplicationStatus.ASSIGNED,
    ApplicationStatus.IN_PROGRESS,
    ApplicationStatus.CLOSED,
]
GROUPS = {"matter_type", "county_code"}


def totals(
    start: dt.datetime,
    end: dt.datetime,
    *,
    by: tuple[str, ...] = ("matter_type", "county_code"),
    applications: QuerySet[Application] | None = None,
) -> QuerySet:
    """One row per group: applications, aided, closed, amount recovered (¥), average
    satisfaction. ``by`` is any of matter_type and county_code (empty: one row)."""
    if not set(by) <= GROUPS:
        raise ValueError(f"unknown grouping {by}")
    qs = (applications if applications is not None else Application.objects.all()).filter(
        submitted_at__gte=start, submitted_at__lt=end
    )
    return (
        qs.order_by()
        .values(*by)
        .annotate(
            applications=Count("id"),
            aided=Count("id", filter=Q(status__in=AIDED)),
            closed=Count("id", filter=Q(status=ApplicationStatus.CLOSED)),
            recovered=Sum("amount_recovered"),
            satisfaction=Avg("satisfaction"),
        )
        .order_by(*by)
    )
