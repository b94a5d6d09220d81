"""When a clock falls due, and when its reminders fall: pure date arithmetic, no queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.utils import timezone

from . import calendar
from .models import DeadlineRule, DeadlineUnit


@dataclass(frozen=True)
class Due:
    at: dt.datetime
    is_date: bool
    provisional: bool


def end_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))


def at_reminder_hour(day: dt.date) -> dt.datetime:
    return _at_hour(day, settings.DEADLINES_REMINDER_HOUR)


@lru_cache(maxsize=4096)
def _at_hour(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def compute_due(rule: DeadlineRule, starts_at: dt.datetime) -> Due:
    """The start day is not counted; a day-counted clock ends at the end of its last day."""
    if rule.unit == DeadlineUnit.HOURS:
        return Due(starts_at + dt.timedelta(hours=rule.amount), is_date=False, provisional=False)
    start = timezone.localtime(starts_at).date()
    if rule.unit == DeadlineUnit.WORKING_DAYS:
        day = calendar.add_working_days(start, rule.amount)
    elif rule.unit == DeadlineUnit.MONTHS:
        day = start + relativedelta(months=rule.amount)
    else:
        day = start + dt.timedelta(days=rule.amount)
    if rule.roll_over_holiday and rule.unit != DeadlineUnit.WORKING_DAYS:
        day = calendar.next_working_day_on_or_after(day)
    counts_holidays = rule.roll_over_holiday or rule.unit == DeadlineUnit.WORKING_DAYS
    return Due(
        end_of_day(day), is_date=True, provisional=counts_holidays and not calendar.is_known(day)
    )


@dataclass(frozen=True)
class Stage:
    key: str  # unique per deadline and due date, so an extended clock is reminded afresh
    at: dt.datetime
    event: str  # deadline_before / deadline_due / deadline_overdue / deadline_escalated
    days: int


def stages(rule: DeadlineRule, due_at: dt.datetime) -> Iterator[Stage]:
    """Every reminder stage in time order; overdue ones go on daily, so this never ends."""
    due = timezone.localtime(due_at).date()
    fixed = _fixed_stages(
        rule.reminder_days, rule.escalate_after_working_days, due, settings.DEADLINES_REMINDER_HOUR
    )
    overdue_day = 1
    for stage in fixed:
        while at_reminder_hour(due + dt.timedelta(overdue_day)) < stage.at:
            yield _overdue(due, overdue_day)
            overdue_day += 1
        yield stage
    while True:
        yield _overdue(due, overdue_day)
        overdue_day += 1


@lru_cache(maxsize=4096)
def _fixed_stages(reminder_days: str, escalate_after: int, due: dt.date, hour: int):
    """The before/due/escalation stages of one due date; cached, as a sweep meets the same
    few due dates thousands of times."""
    tag = due.isoformat()
    days = sorted({int(p) for p in reminder_days.split(",") if p.strip()}, reverse=True)
    fixed = [
        Stage(
            f"before{d}@{tag}" if d else f"due@{tag}",
            at_reminder_hour(due - dt.timedelta(d)),
            "deadline_before" if d else "deadline_due",
            d,
        )
        for d in days
    ]
    escalate_day = calendar.add_working_days(due, escalate_after)
    fixed.append(
        Stage(
            f"escalate@{tag}",
            at_reminder_hour(escalate_day + dt.timedelta(1)),
            "deadline_escalated",
            (escalate_day - due).days + 1,
        )
    )
    fixed.sort(key=lambda s: s.at)
    return tuple(fixed)


def _overdue(due: dt.date, days: int) -> Stage:
    return Stage(
        f"overdue{days}@{due.isoformat()}",
        at_reminder_hour(due + dt.timedelta(days)),
        "deadline_overdue",
        days,
    )


def stages_between(rule: DeadlineRule, due_at: dt.datetime, after: dt.datetime, until: dt.datetime):
    """Stages in (after, until], and the first stage later than ``until``."""
    passed: list[Stage] = []
    for stage in stages(rule, due_at):
        if stage.at > until:
            return passed, stage
        if stage.at > after:
            passed.append(stage)
    raise AssertionError("unreachable: the stage sequence never ends")
