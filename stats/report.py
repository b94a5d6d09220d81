"""The people's-mediation statistical report (人民调解案件统计表): cases by the categories of
domain.md §8, how they started, successes, amounts in agreements, disputes kept from turning
criminal and group petitions prevented; for a month and the year to date, for any scope.
Read from the rollups (12 rows at most); written as JSON, CSV or xlsx."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

from cases.models import DisputeCategory

from .figures import Tree, added
from .models import Rollup
from .periods import Month
from .providers import STARTED
from .scopes import StatsScope

COLUMNS = [
    ("received", "受理"),
    ("success", "调解成功"),
    ("success_rate", "成功率（%）"),
    ("amount", "协议金额（元）"),
    ("prevented_criminal", "防止民转刑"),
    ("prevented_petition", "防止群体性上访"),
]


def column_labels() -> list[str]:
    return [_(label) for _key, label in COLUMNS]


@dataclass
class Report:
    scope: StatsScope
    month: Month
    rows: list[dict]  # one per category, then the total
    started: list[dict]

    def as_data(self) -> dict:
        return {
            "scope": self.scope.code,
            "scope_name": self.scope.name,
            "period": str(self.month),
            "columns": [key for key, _label in COLUMNS],
            "rows": self.rows,
            "started": self.started,
        }


def _cells(cases: Tree, mediation: Tree, category: str | None) -> dict:
    if category is None:
        report = added(mediation.get("report", {}).values())
        received = cases.get("received", 0)
    else:
        report = mediation.get("report", {}).get(category, {})
        received = cases.get("by_category", {}).get(category, 0)
    success, concluded = report.get("success", 0), report.get("concluded", 0)
    return {
        "received": received,
        "concluded": concluded,
        "success": success,
        "success_rate": round(100 * success / concluded, 2) if concluded else None,
        "amount": f"{report.get('amount_fen', 0) / 100:.2f}",
        "prevented_criminal": report.get("prevented_criminal", 0),
        "prevented_petition": report.get("prevented_petition", 0),
    }


def build(scope: StatsScope, month: Month) -> Report:
    periods = month.year_to_date()
    rows = dict(Rollup.objects.for_scopes([scope.key], periods).values_list("period", "figures"))
    trees = {
        name: {
            area: added(rows.get(str(m), {}).get(area, {}) for m in months)
            for area in ("cases", "mediation")
        }
        for name, months in (("month", [month]), ("ytd", periods))
    }
    seen = {
        code
        for t in trees["ytd"].values()
        for code in [*t.get("by_category", {}), *t.get("report", {})]
    }
    categories = DisputeCategory.objects.filter(is_active=True) | DisputeCategory.objects.filter(
        code__in=seen
    )
    out = []
    for code, name in categories.order_by("sort_order", "code").values_list("code", "name"):
        out.append({"category": code, "name": name} | _both(trees, code))
    out.append({"category": "", "name": _("合计")} | _both(trees, None))
    started = [
        {
            "key": key,
            "name": str(label),
            "month": trees["month"]["cases"].get("started", {}).get(key, 0),
            "ytd": trees["ytd"]["cases"].get("started", {}).get(key, 0),
        }
        for key, label in STARTED.items()
    ]
    return Report(scope, month, out, started)


def _both(trees: dict, category: str | None) -> dict:
    return {
        name: _cells(trees[name]["cases"], trees[name]["mediation"], category)
        for name in ("month", "ytd")
    }


def safe_cell(value):
    """A CSV cell a spreadsheet will not run as a formula (OWASP CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def as_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    labels = column_labels()
    writer.writerow([safe_cell(report.scope.name), str(report.month)])
    writer.writerow(
        [_("纠纷类别")]
        + [f"{_('本月')}·{label}" for label in labels]
        + [f"{_('本年累计')}·{label}" for label in labels]
    )
    for row in report.rows:
        cells = [row[part][key] for part in ("month", "ytd") for key, _label in COLUMNS]
        writer.writerow([safe_cell(row["name"]), *("" if c is None else c for c in cells)])
    writer.writerow([])
    writer.writerow([_("案件来源"), _("本月"), _("本年累计")])
    for row in report.started:
        writer.writerow([safe_cell(row["name"]), row["month"], row["ytd"]])
    # A BOM so that Excel opens the Chinese text as UTF-8.
    return "\ufeff" + buffer.getvalue()


def as_xlsx(report: Report) -> bytes:
    """The sheet as an officer fills it by hand (stats.report_xlsx). openpyxl takes about a
    second to import, so it is imported only when a sheet is asked for, not by every process
    that loads the URLconf."""
    from .report_xlsx import as_xlsx as write

    return write(report)
