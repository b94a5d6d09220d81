"""Who may act in statistics: record a service activity, mark a case for the report. Reading
figures is not a verb (see stats.scopes); the city leader, who only looks, may do neither."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.access import may_act
from accounts.models import Role
from accounts.verbs import Verb, VerbSet

MARKING_ROLES = {Role.MEDIATOR, Role.CENTRE_SUPERVISOR, Role.BUREAU_OFFICER}


def _may_record_activity(user, organisation) -> bool:
    return may_act(user, organisation.pk)


def _may_mark(user, case) -> bool:
    return may_act(user, case.organisation_id, MARKING_ROLES)


# Two sets, one per kind of object: VerbSet.available() asks every verb of a set about the
# same object.
ACTIVITY_VERBS = VerbSet(
    Verb(
        "record_activity",
        _("登记服务活动"),
        may=_may_record_activity,
        state=lambda obj: "",
        done=_("服务活动已登记。"),
        refusal=_("您不能为该机构登记服务活动。"),
    ),
)
CASE_VERBS = VerbSet(
    Verb(
        "mark_for_report",
        _("标记报表事项"),
        may=_may_mark,
        records="report_marked",
        done=_("已记录报表事项。"),
    ),
)
