"""Panels: the key figures on a leader's, supervisor's or bureau officer's desk, and the
report marks on the staff case page."""

from __future__ import annotations

from accounts.models import Role

from .dashboard import key_figures
from .forms import ReportMarkForm
from .models import ReportMark
from .periods import Month
from .presenting import View
from .providers import OPEN_STATUSES, activity_link
from .scopes import parse
from .verbs import CASE_VERBS


def figures_panel(request, membership) -> dict:
    organisation = membership.organisation
    code = organisation.code
    if membership.role == Role.CITY_LEADER:
        code = "440800"
    elif membership.role == Role.BUREAU_OFFICER and organisation.region_id:
        code = organisation.region_id
    scope = parse(code)
    view = View(scope, Month.current())
    month = view.month
    concluded = view.case_link(concluded_from=month.first_day, concluded_to=month.last_day)
    links = {
        "received": view.case_link(month),
        "concluded": concluded,
        "success_rate": concluded,
        "open": view.case_link(status=OPEN_STATUSES),
        "overdue": view.case_link(overdue="true"),
        "activities": activity_link(view, month),
    }
    return {"scope": scope, "month": month, "figures": key_figures(view), "links": links}


def case_mark_panel(request, case) -> dict:
    mark = ReportMark.objects.filter(case=case).first()
    initial = {
        "prevented_criminal": bool(mark and mark.prevented_criminal),
        "prevented_group_petition": bool(mark and mark.prevented_group_petition),
    }
    may = "mark_for_report" in CASE_VERBS.available(request.user, case)
    return {"mark": mark, "mark_form": ReportMarkForm(initial=initial), "may_mark": may}
