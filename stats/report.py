"""The people's-mediation statistical report (人民调解案件统计表): cases by the categories of
domain.md §8, how they started, successes, amounts in agreements, disputes kept from turning
criminal and group petitions prevented; for a month and the year to date, for any scope.
Read from the rollups (12 rows at most); written as JSON, CSV or xlsx."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

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


THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)


def as_xlsx(report: Report) -> bytes:
    """The sheet as an officer fills it by hand: title, unit and period, a two-row header
    (this month / year to date), a row per category and the total, the sources of cases,
    and the signature line."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("人民调解统计表")
    width = 1 + 2 * len(COLUMNS)
    last = get_column_letter(width)
    sheet.merge_cells(f"A1:{last}1")
    sheet["A1"] = _("人民调解案件统计表")
    sheet["A1"].font = Font(size=16, bold=True)
    sheet["A1"].alignment = CENTRE
    sheet.merge_cells(f"A2:{last}2")
    sheet["A2"] = _("填报单位：%(unit)s　　统计期：%(year)d年%(month)d月（本月及本年累计）") % {
        "unit": report.scope.name,
        "year": report.month.year,
        "month": report.month.month,
    }
    _header(sheet)
    row_index = 5
    for row in report.rows:
        values = [row["name"]] + [
            _number(row[part][key]) for part in ("month", "ytd") for key, _label in COLUMNS
        ]
        _write_row(sheet, row_index, values, bold=not row["category"])
        row_index += 1
    row_index += 1
    _write_row(sheet, row_index, [_("案件来源"), _("本月"), _("本年累计")], bold=True)
    for row in report.started:
        row_index += 1
        _write_row(sheet, row_index, [row["name"], row["month"], row["ytd"]])
    row_index += 2
    sheet.cell(
        row_index,
        1,
        _("填表人：　　　　审核人：　　　　单位负责人：　　　　填报日期：%(d)s")
        % {"d": timezone.localdate().isoformat()},
    )
    sheet.column_dimensions["A"].width = 16
    for column in range(2, width + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 11
    sheet.freeze_panes = "B5"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _header(sheet) -> None:
    labels = column_labels()
    sheet.merge_cells(start_row=3, start_column=1, end_row=4, end_column=1)
    sheet.cell(3, 1, _("纠纷类别"))
    for part, title in enumerate((_("本月"), _("本年累计"))):
        first = 2 + part * len(COLUMNS)
        sheet.merge_cells(
            start_row=3, start_column=first, end_row=3, end_column=first + len(COLUMNS) - 1
        )
        sheet.cell(3, first, title)
        for offset, label in enumerate(labels):
            sheet.cell(4, first + offset, label)
    for row in sheet.iter_rows(min_row=3, max_row=4, max_col=1 + 2 * len(COLUMNS)):
        for cell in row:
            cell.font = Font(bold=True)
            cell.alignment = CENTRE
            cell.border = BOX


def _write_row(sheet, index: int, values: list, *, bold: bool = False) -> None:
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(index, column, value)
        cell.border = BOX
        cell.font = Font(bold=bold)
        if column > 1:
            cell.alignment = Alignment(horizontal="right")


def _number(value):
    if value is None:
        return "—"
    if isinstance(value, str):
        return float(value)
    return value
