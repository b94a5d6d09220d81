"""Query parameters are parsed through forms, never read raw: dates, cursors and ids that do not
parse, or dates outside 1990 to tomorrow, are refused with 400 and a message in Chinese
(a page shows it; the API returns it under the parameter's name).

Before, ``?after=2026-13-45T00:00|1``, ``?filed_to=9999-12-31``, ``?from=0001-01-01`` and
``?before=²`` each reached a date or integer conversion that raised a 500.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.shortcuts import render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ValidationError as ApiValidationError

EARLIEST = dt.date(1990, 1, 1)
LAST_CURSOR_YEAR = 2100
BIGGEST_ID = 2**63 - 1


def latest() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=1)


def date_in_range(day: dt.date) -> bool:
    return EARLIEST <= day <= latest()


def range_message() -> str:
    return _("日期应在 %(first)s 至 %(last)s 之间。") % {
        "first": EARLIEST.isoformat(),
        "last": latest().isoformat(),
    }


class BoundedDateField(forms.DateField):
    """A date between 1 January 1990 and tomorrow, the span any case of the portal lives in."""

    widget = forms.DateInput(attrs={"type": "date"})

    def validate(self, value):
        super().validate(value)
        if value is not None and not date_in_range(value):
            raise forms.ValidationError(range_message(), code="date_range")


def parse_moment(text: str) -> dt.datetime | None:
    """An ISO date-time between 1990 and 2100, or None (also for 2026-13-45 or 25:00). A
    cursor may stand on a due date years ahead, so this span is wider than a filter's."""
    try:
        moment = parse_datetime(text)
    except ValueError:
        return None
    if moment is None or not EARLIEST.year <= moment.year <= LAST_CURSOR_YEAR:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class KeysetCursorField(forms.CharField):
    """A keyset position "<ISO date-time><separator><id>", cleaned to (datetime, id)."""

    default_error_messages = {"invalid": gettext_lazy("翻页位置无效，请从第一页重新查看。")}

    def __init__(self, *, separator: str, **kwargs):
        self.separator = separator
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 80)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        when, _sep, pk = value.rpartition(self.separator)
        moment = parse_moment(when) if when else None
        if moment is None or not (pk.isascii() and pk.isdigit()) or int(pk) > BIGGEST_ID:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return moment, int(pk)


class IdField(forms.IntegerField):
    """A positive id that fits the database's 64-bit column."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(min_value=1, max_value=BIGGEST_ID, **kwargs)


def first_errors(form: forms.Form) -> str:
    return "；".join(str(error) for errors in form.errors.values() for error in errors)


def refuse_page(request, form: forms.Form):
    """A page's answer to parameters that do not parse: 400, saying what is wrong."""
    return render(request, "bad_request.html", {"message": first_errors(form)}, status=400)


def refuse_api(form: forms.Form):
    raise ApiValidationError({name: list(errors) for name, errors in form.errors.items()})
