"""The court and bureau verbs of pre-litigation mediation, declared once: the clerk's actions
on a court's own 民诉前调 case, and the justice bureau's dispatch of a court's delegation.
``courts.services`` checks these before changing anything; the pages read them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.access import may_act
from accounts.models import Role
from accounts.verbs import Verb, VerbSet
from transfers.models import TransferStatus

CLERK_ROLES = {Role.COURT_CLERK, Role.ADMINISTRATOR}
BUREAU_ROLES = {Role.BUREAU_OFFICER, Role.ADMINISTRATOR}


def may_clerk(user, plc) -> bool:
    """A clerk of the court that registered the case."""
    return may_act(user, plc.court_id, CLERK_ROLES)


def may_dispatch(user, transfer) -> bool:
    """An officer of the bureau the court delegated to."""
    return may_act(user, transfer.to_organisation_id, BUREAU_ROLES)


NOT_CLERK = _("只有登记本案的法院的书记员可以办理。")

VERBS = VerbSet(
    Verb(
        "extend", _("延长调解期限"), may=may_clerk, records="deadline_extended", refusal=NOT_CLERK
    ),
    Verb(
        "record_filing",
        _("转立案"),
        may=may_clerk,
        records="filed_first_instance",
        refusal=NOT_CLERK,
    ),
    Verb(
        "record_success",
        _("登记调解成功后的处理"),
        may=may_clerk,
        records="success_route",
        refusal=NOT_CLERK,
    ),
    Verb(
        "request_preservation",
        _("登记保全申请"),
        may=may_clerk,
        records="preservation_requested",
        refusal=NOT_CLERK,
    ),
    Verb(
        "rule_preservation",
        _("登记保全裁定"),
        may=may_clerk,
        records="preservation_ruled",
        refusal=NOT_CLERK,
    ),
    Verb(
        "dispatch",
        _("分派"),
        may=may_dispatch,
        allowed_from=(TransferStatus.DELIVERED,),
        records="dispatched",
        done=_("已接收并分派。"),
        refusal=_("只有受委派的司法局工作人员可以分派此案。"),
        state_label=lambda s: str(TransferStatus(s).label),
    ),
)
