"""The Chinese working calendar: public holidays and their make-up working days (调休).

The ``chinese_calendar`` package carries the State Council's published arrangement, one year
at a time; it raises NotImplementedError for a year it does not know yet. A clock cannot stop
because next year's arrangement is not out, so beyond the data we count weekends only, log a
warning, and report the result as provisional (the deadline shows it, so staff know to check).
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import lru_cache

import chinese_calendar

log = logging.getLogger(__name__)

_warned_years: set[int] = set()


def is_known(day: dt.date) -> bool:
    """Whether the published arrangement covers this day."""
    try:
        chinese_calendar.is_workday(day)
    except NotImplementedError:
        return False
    return True


@lru_cache(maxsize=8192)
def is_working_day(day: dt.date) -> bool:
    """Cached: the package scans its whole table on every call, and a sweep asks about the
    same few weeks thousands of times."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        if day.year not in _warned_years:
            _warned_years.add(day.year)
            log.warning(
                "No published holiday arrangement for %s; counting weekends only.", day.year
            )
        return day.weekday() < 5


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The day on which ``days`` working days after ``start`` end (``start`` not counted)."""
    day = start
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def working_days_between(first: dt.date, last: dt.date) -> int:
    """Working days in [first, last)."""
    count, day = 0, first
    while day < last:
        count += is_working_day(day)
        day += dt.timedelta(days=1)
    return count


def next_working_day_on_or_after(day: dt.date) -> dt.date:
    """A period whose last day is a holiday ends on the first working day after it (Civil
    Procedure Law: 期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期)."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def provisional(*days: dt.date) -> bool:
    """True when any day counted lies beyond the published arrangement."""
    return any(not is_known(day) for day in days)
