"""Working days for the sign-for and answer clocks: Chinese public holidays are skipped and the
make-up working days (调休) counted, as the `chinese-calendar` package knows them."""

from __future__ import annotations

import datetime as dt

import chinese_calendar


def is_workday(day: dt.date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        # Years the package does not cover yet: plain weekdays.
        return day.weekday() < 5


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Whole working days after ``start`` up to and including ``end``."""
    days, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        days += is_workday(day)
    return days


def working_days_ago(today: dt.date, n: int) -> dt.date:
    """The latest day from which ``n`` working days have passed by ``today``."""
    day, counted = today, 0
    while counted < n:
        counted += is_workday(day)
        day -= dt.timedelta(days=1)
    return day
