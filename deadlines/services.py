"""Starting and meeting clocks. Other apps call these; they never write Deadline rows."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from .models import Deadline, DeadlineRule


def due_from(rule: DeadlineRule, starts_at: dt.datetime) -> dt.datetime:
    """Calendar arithmetic only; the working-day calendar is applied by the rule's unit."""
    if rule.unit == "hours":
        return starts_at + dt.timedelta(hours=rule.amount)
    if rule.unit == "months":
        return starts_at + relativedelta(months=rule.amount)
    return starts_at + dt.timedelta(days=rule.amount)


def start_deadline(
    *, case, kind: str, starts_at: dt.datetime | None = None, actor=None
) -> Deadline:
    """Start the clock ``kind`` (a DeadlineRule code) on a case."""
    rule = DeadlineRule.objects.get(code=kind)
    starts_at = starts_at or timezone.now()
    return Deadline.objects.create(
        case=case, kind=kind, rule=rule, starts_at=starts_at, due_at=due_from(rule, starts_at)
    )


def meet_deadlines(*, case, kind: str, actor=None) -> int:
    """Mark the case's open clocks of this kind as met; returns how many."""
    return Deadline.objects.open().filter(case=case, kind=kind).update(met_at=timezone.now())
