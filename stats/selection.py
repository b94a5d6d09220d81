"""What a request asks to see: a scope, a month, perhaps a scope to compare with. Shared by
the pages and the API so that both refuse the same input the same way."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .models import Rollup
from .periods import Month
from .scopes import StatsScope, default_scope, scope_for


class BadPeriod(ValueError):
    """A period the figures cannot be given for (HTTP 400, the message says why)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def month_of(text: str | None) -> Month:
    if not text:
        return Month.current()
    month = Month.parse(text)
    if month is None:
        raise BadPeriod(_("统计月份格式应为 YYYY-MM，例如 2026-03。"))
    if month > Month.current():
        raise BadPeriod(_("统计月份不能晚于本月。"))
    first = Rollup.objects.first_period()
    if first and str(month) < first:
        raise BadPeriod(_("平台的统计数据从 %(first)s 开始，请选择此后的月份。") % {"first": first})
    return month


def choose(user, scope_code: str | None, period: str | None) -> tuple[StatsScope, Month]:
    scope = scope_for(user, scope_code) if scope_code else default_scope(user)
    return scope, month_of(period)
