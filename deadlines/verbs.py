"""The verbs on a case's clock, declared once: whoever handles the case (its organisation's
staff, its assignee) pauses, resumes and extends its deadlines and texts its parties. The
court's own extension of its pre-litigation clock is the court's verb (``courts.verbs``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.verbs import Verb, VerbSet
from cases.access import may_handle


def may_handle_clock(user, deadline) -> bool:
    return may_handle(user, deadline.case)


NOT_HANDLING = _("只有承办本案的工作人员可以处理其期限。")

VERBS = VerbSet(
    Verb(
        "pause",
        _("暂停计算"),
        may=may_handle_clock,
        records="deadline_paused",
        refusal=NOT_HANDLING,
    ),
    Verb(
        "resume",
        _("恢复计算"),
        may=may_handle_clock,
        records="deadline_resumed",
        refusal=NOT_HANDLING,
    ),
    Verb(
        "extend",
        _("延长期限"),
        may=may_handle_clock,
        records="deadline_extended",
        refusal=NOT_HANDLING,
    ),
)

# Verbs on the case itself (not on one of its clocks).
CASE_VERBS = VerbSet(
    Verb(
        "invite_party",
        _("短信通知当事人"),
        may=may_handle,
        records="party_sms",
        refusal=_("只有承办本案的工作人员可以通知当事人。"),
    ),
)
