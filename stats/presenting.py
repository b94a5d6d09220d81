"""What a dashboard shows, built from rollup rows: the period's trees, the year before, the
year to date, the trend, and the scope's children. Providers turn these into sections of
figures and tables; the page and the overview API show the same sections."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from accounts.models import Organisation
from cases.models import DisputeCategory
from villages.models import Region

from .figures import Tree, added
from .models import Rollup
from .periods import NOW, Month
from .rollups import CHILDREN
from .scopes import StatsScope

TREND_MONTHS = 12
NAMES_TTL = 300  # seconds: the divisions and categories change a few times a year


class ReferenceNames:
    """The names of the categories and of the city, counties and towns, read once per process
    (and again after NAMES_TTL), instead of two queries on every dashboard."""

    def __init__(self) -> None:
        self.loaded_at = -NAMES_TTL
        self.names: dict[str, dict[str, str]] = {}

    def of(self, kind: str) -> dict[str, str]:
        if time.monotonic() - self.loaded_at > NAMES_TTL:
            self.names = {
                "category": dict(DisputeCategory.objects.values_list("code", "name")),
                "region": dict(
                    Region.objects.filter(
                        level__in=[Region.Level.CITY, Region.Level.COUNTY, Region.Level.TOWN]
                    ).values_list("code", "name")
                ),
            }
            self.loaded_at = time.monotonic()
        return self.names[kind]


REFERENCE = ReferenceNames()


@dataclass
class Cell:
    value: Any
    link: str = ""


@dataclass
class Figure:
    key: str
    label: str
    value: Any
    link: str = ""
    unit: str = ""
    previous: Any = None  # the same figure a year before
    change: float | None = None  # percent change on the year before


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[tuple[str, list[Cell]]]
    chart: str = ""  # "bar" or "line": drawn from this table's own numbers


@dataclass
class Section:
    area: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    def as_data(self) -> dict:
        """As the API returns it (built by hand: dataclasses.asdict deep-copies every value,
        a third of the overview's time)."""
        return {
            "area": self.area,
            "title": self.title,
            "figures": [vars(f).copy() for f in self.figures],
            "tables": [
                {
                    "key": t.key,
                    "title": t.title,
                    "columns": list(t.columns),
                    "rows": [
                        {"label": label, "cells": [vars(c).copy() for c in cells]}
                        for label, cells in t.rows
                    ],
                    "chart": t.chart,
                }
                for t in self.tables
            ],
        }


def change(now: float, before: float) -> float | None:
    return round(100 * (now - before) / before, 2) if before else None


def rate(part: float, whole: float) -> float | None:
    return round(100 * part / whole, 2) if whole else None


class View:
    """One scope and month, read in one query of at most ~30 rollup rows."""

    def __init__(self, scope: StatsScope, month: Month):
        self.scope = scope
        self.month = month
        self.trend_months = month.last_months(TREND_MONTHS)
        periods = {
            *map(str, self.trend_months),
            *map(str, month.year_to_date()),
            *map(str, month.year_before().year_to_date()),
            str(month.year_before()),
            NOW,
        }
        rows = Rollup.objects.for_scopes([scope.key], periods).values_list("period", "figures")
        self.rows: dict[str, Tree] = dict(rows)
        self._names: dict[str, str] | None = None
        self._ytd: dict[tuple[str, Month], Tree] = {}
        self._case_list = reverse("case-list")

    def tree(self, area: str, period: str) -> Tree:
        return self.rows.get(period, {}).get(area, {})

    def month_tree(self, area: str) -> Tree:
        return self.tree(area, str(self.month))

    def year_before_tree(self, area: str) -> Tree:
        return self.tree(area, str(self.month.year_before()))

    def ytd_tree(self, area: str, month: Month | None = None) -> Tree:
        month = month or self.month
        if (area, month) not in self._ytd:
            self._ytd[(area, month)] = added(self.tree(area, str(m)) for m in month.year_to_date())
        return self._ytd[(area, month)]

    def now_tree(self, area: str) -> Tree:
        return self.tree(area, NOW)

    def trend(self, area: str, key: str) -> list[tuple[Month, Any]]:
        return [(m, self.tree(area, str(m)).get(key, 0)) for m in self.trend_months]

    def children(self, area: str) -> list[tuple[str, str, Tree]]:
        """(child scope code, its name, its counts) for this month, largest first."""
        kids = self.rows.get(str(self.month), {}).get(CHILDREN, {})
        names = self._child_names(kids)
        found = [(key, kid.get(area, {})) for key, kid in kids.items() if area in kid]
        return [
            (names[key][0], names[key][1], counts)
            for key, counts in sorted(found, key=lambda kv: -next(iter(kv[1].values()), 0))
            if key in names
        ]

    def _child_names(self, kids: dict) -> dict[str, tuple[str, str]]:
        if self._names is None:
            org_ids = [int(k[4:]) for k in kids if k.startswith("org:")]
            codes = [k[7:] for k in kids if k.startswith("region:")]
            names = {
                f"org:{pk}": (code, name)
                for pk, code, name in Organisation.objects.filter(pk__in=org_ids).values_list(
                    "pk", "code", "name"
                )
            }
            known = REFERENCE.of("region")
            names |= {f"region:{code}": (code, known[code]) for code in codes if code in known}
            villages = [code for code in codes if code not in known]
            if villages:
                names |= {
                    f"region:{code}": (code, name)
                    for code, name in Region.objects.filter(code__in=villages).values_list(
                        "code", "name"
                    )
                }
            self._names = names
        return self._names

    def case_link(self, month: Month | None = None, *, child: str = "", **filters) -> str:
        """The staff case list showing exactly the cases a figure counts."""
        params = dict(self.scope.link)
        if child:
            params.pop("region", None)
            params.pop("organisation", None)
            params["region" if child.isdigit() else "organisation"] = child
        if month is not None:
            filters.setdefault("filed_from", month.first_day.isoformat())
            filters.setdefault("filed_to", month.last_day.isoformat())
        for key, value in filters.items():
            if value in (None, ""):
                params.pop(key, None)
            else:
                params[key] = value
        return self._case_list + "?" + urlencode(params, doseq=True)

    def figure(
        self, key: str, label: str, area: str, *, link: str = "", unit: str = "", as_key: str = ""
    ) -> Figure:
        """The figure counted under ``key`` in the area's tree. A figure's key names it in the
        whole overview (the API's clients look figures up by key), so an area whose tree key
        another area also uses gives its figure its own name with ``as_key``."""
        value = self.month_tree(area).get(key, 0)
        before = self.year_before_tree(area).get(key, 0)
        return Figure(as_key or key, label, value, link, unit, before, change(value, before))
