"""The verbs of answering a hand-off, declared once: the receiver's staff sign for it, accept
it or send it back with a coded reason, on the inbox page and through the API alike."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.access import may_act
from accounts.models import Role
from accounts.verbs import Verb, VerbSet
from cases.access import is_assignee

from .handlers import accept_page
from .models import TransferStatus


def _label(status: str) -> str:
    return str(TransferStatus(status).label)


HANDLING_ROLES = {Role.MEDIATOR, Role.CENTRE_SUPERVISOR, Role.ADMINISTRATOR}


def may_answer(user, transfer) -> bool:
    """Staff acting at the receiving organisation (a read-only leader only looks)."""
    return may_act(user, transfer.to_organisation_id)


def may_hand_off(user, case) -> bool:
    """Handing a case to legal aid, arbitration or the petition office is for the staff who
    work it (its mediators and supervisors, its assignee), as mediation's refer verb."""
    return is_assignee(user, case) or may_act(user, case.organisation_id, HANDLING_ROLES)


def may_accept_plainly(user, transfer) -> bool:
    """Some hand-offs are accepted by doing their work (a court's delegation is accepted by
    dispatching it): those are not accepted with the plain button."""
    return may_answer(user, transfer) and accept_page(transfer.kind) is None


def _verb(name, label, may, records, done, refusal=None) -> Verb:
    extra = {"refusal": refusal} if refusal else {}
    return Verb(
        name,
        label,
        may=may,
        allowed_from=(TransferStatus.DELIVERED,),
        records=records,
        done=done,
        state_label=_label,
        **extra,
    )


NOT_RECEIVER = _("只有接收机构的工作人员可以处理此移送。")

VERBS = VerbSet(
    _verb(
        "sign_for",
        _("签收"),
        may_answer,
        "transfer_signed_for",
        _("已签收，请尽快处理。"),
        NOT_RECEIVER,
    ),
    _verb(
        "accept",
        _("接收"),
        may_accept_plainly,
        "transfer_accepted",
        _("已接收。"),
        _("只有接收机构的工作人员可以接收此移送；法院委派的案件请通过“分派”接收。"),
    ),
    _verb(
        "reject",
        _("退回"),
        may_answer,
        "transfer_rejected",
        _("已退回，案件回到移送机构的待办。"),
        NOT_RECEIVER,
    ),
)
