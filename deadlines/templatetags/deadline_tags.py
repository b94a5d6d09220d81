from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from deadlines.models import Deadline

register = template.Library()


@register.inclusion_tag("deadlines/_chips.html", takes_context=True)
def deadline_chips(context, case) -> dict:
    """``{% load deadline_tags %}{% deadline_chips case %}``: the case's clocks, open first,
    and, for staff handling the case, the link to text a party."""
    return case_chips_context(context.get("request"), case)


def case_chips_context(request, case) -> dict:
    """The chips' context; also the case page's header panel (cases.panels)."""
    from cases.access import may_handle

    rows = list(Deadline.objects.for_case(case)[:20])
    user = getattr(request, "user", None)
    return {
        "chips": [chip(d) for d in rows],
        "case": case,
        "may_text_parties": user is not None and may_handle(user, case),
    }


def chip(deadline: Deadline, today: dt.date | None = None) -> dict:
    """The words and style of one clock; the state is always said in words, not only colour."""
    today = today or timezone.localdate()
    left = deadline.days_left(today)
    if deadline.met_at:
        state, words = "met", _("已完成")
    elif deadline.paused_at:
        state, words = "paused", _("已暂停")
    elif deadline.is_overdue():
        state, words = (
            "overdue",
            _("已逾期 %(n)s 天") % {"n": max(-left, 0)} if left < 0 else _("今天已过届满时间"),
        )
    elif left == 0:
        state, words = "soon", _("今天届满")
    elif left <= 3:
        state, words = "soon", _("剩 %(n)s 天") % {"n": left}
    else:
        state, words = "ok", _("剩 %(n)s 天") % {"n": left}
    return {"deadline": deadline, "state": state, "words": words}


@register.simple_tag
def deadline_chip(deadline) -> dict:
    return chip(deadline)
