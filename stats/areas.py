"""The figures of legal aid and village affairs, read through what those apps expose
(``legal_aid.totals.totals``, ``village_affairs.rates.small_matters_rates``) and registered
with the statistics' registry when the apps are installed.

Legal aid keeps its totals per month, matter type and county (no town, no organisation), so
its figures count in the county's and the city's scopes. The village ledger counts each
dispute in the month it was first handled in a village; its facts are per village, so the
rollups keep a scope for each village with a ledger (its town's table lists the villages).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from importlib.util import find_spec
from urllib.parse import urlencode

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .figures import Fact, Provider, Tree, bump, register
from .presenting import Cell, Figure, Section, Table, View, rate

# ---------------------------------------------------------------- legal aid


def legal_aid_month(start: dt.datetime, end: dt.datetime) -> Iterable[Fact]:
    from legal_aid.totals import totals

    first, after = timezone.localdate(start), timezone.localdate(end)
    trees: dict[str, Tree] = {}
    for row in totals(first, after):
        tree = trees.setdefault(row["county_code"], {})
        recovered_fen = round((row["recovered"] or Decimal(0)) * 100)
        for key, value in (
            ("applications", row["applications"]),
            ("aided", row["aided"]),
            ("closed", row["closed"]),
            ("recovered_fen", recovered_fen),
        ):
            bump(tree, key, value)
            bump(tree, "by_matter", row["matter_type"], key, value)
    return [Fact(None, county, tree) for county, tree in trees.items()]


def _url(name: str, params: dict) -> str:
    try:
        return reverse(name) + "?" + urlencode(params)
    except NoReverseMatch:
        return ""


def legal_aid_present(view: View) -> list[Section]:
    from legal_aid.models import MatterType

    area = "legal_aid"
    tree = view.month_tree(area)
    if view.scope.organisation is not None or len(view.scope.code) > 6:
        return []  # legal aid is counted by county: not by organisation, not by town
    month = view.month
    link = _url(
        "legal_aid:totals",
        {"start": month.first_day.isoformat(), "end": month.shift(1).first_day.isoformat()},
    )
    ytd_link = _url(
        "legal_aid:totals",
        {
            "start": month.year_to_date()[0].first_day.isoformat(),
            "end": month.shift(1).first_day.isoformat(),
        },
    )
    recovered = tree.get("recovered_fen", 0) / 100
    before = view.year_before_tree(area).get("recovered_fen", 0) / 100
    ytd = view.ytd_tree(area)
    section = Section(area, _("法律援助（按申请月份）"))
    section.figures = [
        view.figure("applications", _("申请"), area, link=link),
        view.figure("aided", _("给予援助"), area, link=link),
        view.figure("closed", _("已结案"), area, link=link),
        Figure("recovered", _("挽回损失（元）"), recovered, link, "¥", before),
        Figure("ytd_applications", _("本年累计申请"), ytd.get("applications", 0), ytd_link),
        Figure(
            "ytd_recovered",
            _("本年累计挽回损失（元）"),
            ytd.get("recovered_fen", 0) / 100,
            ytd_link,
            "¥",
        ),
    ]
    labels = dict(MatterType.choices)
    rows = [
        (
            str(labels.get(matter, matter)),
            [Cell(n.get("applications", 0), link), Cell(n.get("recovered_fen", 0) / 100, link)],
        )
        for matter, n in sorted(
            tree.get("by_matter", {}).items(), key=lambda kv: -kv[1].get("applications", 0)
        )
    ]
    counties = [
        (name, [Cell(c.get("applications", 0), link), Cell(c.get("recovered_fen", 0) / 100, link)])
        for _code, name, c in view.children(area)
    ]
    columns = [_("申请"), _("挽回损失（元）")]
    section.tables = [
        Table("legal_aid_by_matter", _("按援助事项"), columns, rows, chart="bar"),
        Table("legal_aid_by_place", _("按地区"), columns, counties),
    ]
    return [section]


# ---------------------------------------------------------------- village affairs


def villages_month(start: dt.datetime, end: dt.datetime) -> Iterable[Fact]:
    from village_affairs.rates import small_matters_rates

    first = timezone.localdate(start)
    rows = small_matters_rates(level="village", month_from=first, month_to=first)
    facts = []
    for row in rows:
        tree: Tree = {}
        for key in ("handled", "concluded", "settled"):
            bump(tree, key, row[key])
        facts.append(Fact(None, row["region"], tree))
    return facts


def villages_present(view: View) -> list[Section]:
    area = "villages"
    tree = view.month_tree(area)
    if view.scope.organisation is not None and not tree:
        return []  # the ledger is counted by place, not by organisation
    month = view.month

    def link(m, code: str = "") -> str:
        code = code or (view.scope.code if view.scope.code.isdigit() else "")
        params = {"from": str(m), "to": str(m)}
        if code and len(code) in (6, 9):
            params["within"] = code
        return _url("village_affairs:rates", params)

    before = view.year_before_tree(area)
    section = Section(area, _("小事不出村（村级调处台账）"))
    section.figures = [
        Figure(
            "small_matters_rate",
            _("小事不出村率"),
            rate(tree.get("settled", 0), tree.get("concluded", 0)),
            link(month),
            "%",
            rate(before.get("settled", 0), before.get("concluded", 0)),
        ),
        view.figure("handled", _("村级首办"), area, link=link(month), as_key="village_handled"),
        view.figure("concluded", _("已办结"), area, link=link(month), as_key="village_concluded"),
        view.figure("settled", _("在村化解"), area, link=link(month), as_key="village_settled"),
    ]
    trend = []
    for m in view.trend_months:
        counts = view.tree(area, str(m))
        value = rate(counts.get("settled", 0), counts.get("concluded", 0))
        trend.append((str(m), [Cell("—" if value is None else value, link(m))]))
    places = []
    for code, name, counts in view.children(area):
        value = rate(counts.get("settled", 0), counts.get("concluded", 0))
        cells = [
            Cell("—" if value is None else value, link(month, code if code.isdigit() else "")),
            Cell(counts.get("settled", 0)),
            Cell(counts.get("concluded", 0)),
        ]
        places.append((name, cells))
    section.tables = [
        Table("villages_trend", _("近12个月小事不出村率（%）"), [_("比率（%）")], trend, "line"),
        Table(
            "villages_by_place",
            _("按地区（本月）"),
            [_("比率（%）"), _("在村化解"), _("已办结")],
            places,
        ),
    ]
    return [section]


def register_installed() -> None:
    if apps.is_installed("legal_aid") and find_spec("legal_aid.totals"):
        register(
            Provider(
                "legal_aid", gettext_lazy("法律援助"), legal_aid_month, legal_aid_present, order=60
            )
        )
    if apps.is_installed("village_affairs") and find_spec("village_affairs.rates"):
        register(
            Provider(
                "villages", gettext_lazy("小事不出村"), villages_month, villages_present, order=70
            )
        )
