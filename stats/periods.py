"""Reporting periods: calendar months in Beijing time, written YYYY-MM."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone

PERIOD_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
# The rollup row that holds figures of the present moment (open, overdue), not of a month.
NOW = "now"


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month | None:
        match = PERIOD_RE.match(text or "")
        return cls(int(match[1]), int(match[2])) if match else None

    @classmethod
    def of(cls, moment: dt.datetime | dt.date) -> Month:
        if isinstance(moment, dt.datetime):
            moment = timezone.localtime(moment)
        return cls(moment.year, moment.month)

    @classmethod
    def current(cls) -> Month:
        return cls.of(timezone.now())

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def shift(self, months: int) -> Month:
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    def year_before(self) -> Month:
        return Month(self.year - 1, self.month)

    def year_to_date(self) -> list[Month]:
        return [Month(self.year, m) for m in range(1, self.month + 1)]

    def last_months(self, count: int) -> list[Month]:
        return [self.shift(-n) for n in range(count - 1, -1, -1)]

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        return self.shift(1).first_day - dt.timedelta(days=1)

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """[start, end) as aware datetimes in the portal's time zone."""
        zone = timezone.get_current_timezone()
        start = dt.datetime(self.year, self.month, 1, tzinfo=zone)
        following = self.shift(1)
        return start, dt.datetime(following.year, following.month, 1, tzinfo=zone)
