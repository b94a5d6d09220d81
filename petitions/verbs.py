"""Who may do what to a petition, from which states (accounts.verbs)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.access import may_act
from accounts.models import Role
from accounts.verbs import Verb, VerbSet

from .models import PetitionStatus as S

OFFICE_ROLES = {Role.PETITION_OFFICER, Role.CENTRE_SUPERVISOR}


def works_at_office(user, petition) -> bool:
    return may_act(user, petition.office_id, OFFICE_ROLES)


def _label(state: str) -> str:
    return str(S(state).label)


def _verb(name, label, allowed_from, records, done) -> Verb:
    return Verb(
        name,
        label,
        may=works_at_office,
        allowed_from=allowed_from,
        records=records,
        done=done,
        state_label=_label,
    )


VERBS = VerbSet(
    _verb(
        "decide",
        _("决定是否受理"),
        (S.REGISTERED,),
        "petition_decided",
        _("已记录受理决定并告知信访人。"),
    ),
    _verb(
        "hand_over",
        _("交办"),
        (S.ACCEPTED,),
        "petition_handed_over",
        _("已交办。下一步：跟进办理，在期限内书面答复。"),
    ),
    _verb(
        "extend",
        _("延长办理期限"),
        (S.ACCEPTED, S.TRANSFERRED),
        "deadline_extended",
        _("办理期限已延长。"),
    ),
    _verb(
        "reply",
        _("书面答复"),
        (S.ACCEPTED, S.TRANSFERRED),
        "petition_replied",
        _("已书面答复信访人。"),
    ),
    _verb(
        "request_review",
        _("登记复查申请"),
        (S.REPLIED,),
        "petition_review_requested",
        _("已登记复查申请。"),
    ),
    _verb(
        "answer_review",
        _("复查答复"),
        (S.REVIEW_REQUESTED,),
        "petition_reviewed",
        _("已作出复查意见。"),
    ),
)
