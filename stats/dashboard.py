"""The overview of one scope and month: every provider's sections, and beside them the same
key figures for another scope to compare with. Read from the rollups only."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .figures import providers
from .presenting import Cell, Section, Table, View, rate
from .providers import median_of
from .scopes import StatsScope, scope_for

KEY_FIGURES = [
    ("cases", "received", "收案"),
    ("mediation", "concluded", "结案"),
    ("mediation", "success", "调解成功"),
    ("courts", "delegated", "诉前委派"),
    ("courts", "agreed", "诉前达成协议"),
    ("activities", "activities", "服务活动"),
]


def sections(view: View) -> list[Section]:
    return [section for p in providers() for section in p.present(view)]


def key_figures(view: View) -> dict:
    out = {key: view.month_tree(area).get(key, 0) for area, key, _label in KEY_FIGURES}
    mediation = view.month_tree("mediation")
    out["success_rate"] = rate(mediation.get("success", 0), mediation.get("concluded", 0))
    out["median_days"] = median_of(mediation.get("close_days", {}))
    out["open"] = view.now_tree("cases").get("open", 0)
    out["overdue"] = view.now_tree("cases").get("overdue", 0)
    return out


def comparison(view: View, other: View) -> Table:
    mine, theirs = key_figures(view), key_figures(other)
    labels = {key: _(label) for _area, key, label in KEY_FIGURES} | {
        "success_rate": _("调解成功率（%）"),
        "median_days": _("结案中位用时（天）"),
        "open": _("在办（当前）"),
        "overdue": _("已超期（当前）"),
    }
    rows = [
        (
            str(label),
            [
                Cell("—" if mine[k] is None else mine[k]),
                Cell("—" if theirs[k] is None else theirs[k]),
            ],
        )
        for k, label in labels.items()
    ]
    return Table("compare", _("地区对比"), [view.scope.name, other.scope.name], rows, chart="bar")


def overview(user, scope: StatsScope, month, *, compare: str = "") -> dict:
    view = View(scope, month)
    data = {
        "scope": scope,
        "month": month,
        "sections": sections(view),
        "figures": key_figures(view),
        "compare": None,
    }
    if compare:
        other = View(scope_for(user, compare), month)
        data["compare"] = comparison(view, other)
        data["compare_scope"] = other.scope
    return data


def overview_data(data: dict) -> dict:
    """The overview as the API returns it."""
    return {
        "scope": data["scope"].code,
        "scope_name": data["scope"].name,
        "period": str(data["month"]),
        "figures": data["figures"],
        "sections": [s.as_data() for s in data["sections"]],
        "compare": _table_data(data["compare"]) if data["compare"] else None,
    }


def _table_data(table: Table) -> dict:
    return Section("compare", table.title, tables=[table]).as_data()["tables"][0]
