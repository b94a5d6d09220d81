"""The people's-mediation report as an xlsx sheet, in the layout an officer fills by hand."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from .report import COLUMNS, Report, column_labels

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
