from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.access import may_act
from accounts.verbs import Verb, VerbSet


def _handles(user, case) -> bool:
    return may_act(user, case.organisation_id)


VERBS = VerbSet(
    Verb(
        "issue_password",
        _("发放查询密码"),
        may=_handles,
        records="enquiry_password_issued",
        done=_("已生成12368查询密码。"),
    ),
)
