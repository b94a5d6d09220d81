"""Cells for files people open in Excel or WPS: a text starting with = + - @, a tab or a
carriage return is a formula there (=HYPERLINK(...) fetches and leaks, =1+2 computes), so it
is written with a leading apostrophe, which the spreadsheet shows as plain text (OWASP's
advice on CSV injection). Every spreadsheet export writes its cells through ``safe_cell``."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values) -> list:
    return [safe_cell(value) for value in values]
