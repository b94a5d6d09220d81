"""Every verb of mediation, declared once: who may, from which states, what it records, what
the person is told. ``mediation.services`` checks these before changing anything; the case page
shows a verb's form only where it is available, and the API refuses what the service would,
with the same code and message."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.verbs import Verb, VerbSet
from cases.models import CaseStatus as S

from . import access

# Statuses in which a case is still being worked by an organisation.
WORKING = (S.ROUTED, S.ACCEPTED, S.IN_MEDIATION)
# After an agreement or a failure the file stays open until it is closed; an agreement is
# followed up even after closing.
AGREED = (S.AGREEMENT, S.CLOSED)


def _label(status: str) -> str:
    return str(S(status).label)


def _not_yours_to_accept(user, case) -> str:
    if case.assignee_id is not None and case.assignee_id != getattr(user, "pk", None):
        name = f"{case.assignee.last_name}{case.assignee.first_name}" or case.assignee.username
        return gettext("该案件已分配给调解员%(name)s。") % {"name": name}
    return gettext("该案件由%(org)s承办，只有该机构的调解员可以受理。") % {
        "org": case.organisation.name
    }


def _verb(name, label, may, allowed_from, records, done, refusal=None) -> Verb:
    extra = {"refusal": refusal} if refusal else {}
    return Verb(
        name,
        label,
        may=may,
        allowed_from=tuple(allowed_from),
        records=records,
        done=done,
        state_label=_label,
        **extra,
    )


VERBS = VerbSet(
    _verb(
        "route",
        _("分派"),
        access.may_route,
        (S.RECEIVED,),
        "routed",
        _("已分派。"),
        _("只有受理窗口、中心负责人可以分派案件。"),
    ),
    _verb(
        "auto_route",
        _("按规则分派"),
        access.may_route,
        (S.RECEIVED,),
        "routed",
        _("已按规则分派。"),
        _("只有受理窗口、中心负责人可以分派案件。"),
    ),
    _verb(
        "assign",
        _("指派调解员"),
        access.may_supervise,
        (S.ROUTED,),
        "assigned",
        _("已指派调解员。"),
        _("只有中心负责人可以指派调解员。"),
    ),
    _verb(
        "reassign",
        _("改派"),
        access.may_supervise,
        WORKING,
        "reassigned",
        _("已改派。"),
        _("只有中心负责人可以改派调解员。"),
    ),
    _verb(
        "request_mediator",
        _("当事人选择调解员"),
        access.may_turn_away,
        (S.RECEIVED, S.ROUTED),
        "mediator_requested",
        _("已记录当事人选择的调解员。"),
    ),
    _verb(
        "accept",
        _("受理"),
        access.may_accept,
        (S.ROUTED,),
        "accepted",
        _("已受理。下一步：安排调解。"),
        _not_yours_to_accept,
    ),
    _verb(
        "decline",
        _("不能承办"),
        access.may_accept,
        (S.ROUTED,),
        "declined",
        _("已退回，案件将分配给其他调解员。"),
        _not_yours_to_accept,
    ),
    _verb(
        "not_accept",
        _("不予受理"),
        access.may_turn_away,
        (S.RECEIVED, S.ROUTED, S.ACCEPTED),
        "not_accept",
        _("已记录不予受理。"),
    ),
    _verb(
        "start",
        _("开始调解"),
        access.may_work,
        (S.ACCEPTED,),
        "mediation_started",
        _("调解已开始。"),
    ),
    _verb(
        "escalate",
        _("上交上一级"),
        access.may_work,
        WORKING,
        "escalated",
        _("已上交上一级，已向其发出移送，等待签收。"),
    ),
    _verb(
        "schedule",
        _("安排调解"),
        access.may_work,
        (S.ACCEPTED, S.IN_MEDIATION),
        "session_scheduled",
        _("已安排调解，已告知当事人。"),
    ),
    _verb(
        "move_session",
        _("改期"),
        access.may_work,
        (S.ACCEPTED, S.IN_MEDIATION),
        "session_moved",
        _("已改期，已短信告知当事人新的时间和地点。"),
    ),
    _verb(
        "cancel_session",
        _("取消调解安排"),
        access.may_work,
        (S.ACCEPTED, S.IN_MEDIATION),
        "session_cancelled",
        _("已取消该次调解，已短信告知当事人。"),
    ),
    _verb(
        "record",
        _("记录调解笔录"),
        access.may_work,
        (S.ACCEPTED, S.IN_MEDIATION),
        "session_held",
        _("已记录调解笔录。"),
    ),
    _verb(
        "agreement",
        _("记录调解协议"),
        access.may_work,
        (S.IN_MEDIATION,),
        "agreement",
        _("已记录调解协议。下一步：打印协议书，签字后上传。"),
    ),
    _verb(
        "fail",
        _("调解不成"),
        access.may_work,
        (S.IN_MEDIATION,),
        "fail",
        _("已记录调解不成。下一步：引导当事人选择其他途径。"),
    ),
    _verb(
        "withdraw",
        _("撤回"),
        access.may_work,
        (S.ROUTED, S.ACCEPTED, S.IN_MEDIATION),
        "withdraw",
        _("已记录撤回。"),
    ),
    _verb(
        "terminate",
        _("终止调解"),
        access.may_work,
        (S.ACCEPTED, S.IN_MEDIATION),
        "terminate",
        _("已终止调解。"),
    ),
    _verb("close", _("结案"), access.may_work, (S.AGREEMENT, S.FAILED), "closed", _("已结案。")),
    _verb("follow_up", _("回访"), access.may_work, AGREED, "follow_up", _("已记录回访。")),
    _verb(
        "judicial",
        _("申请司法确认"),
        access.may_work,
        AGREED,
        "judicial_confirmation_requested",
        _("已记录司法确认申请。"),
    ),
    _verb(
        "signed_copy",
        _("上传签字协议书"),
        access.may_work,
        AGREED,
        "signed_agreement_uploaded",
        _("已上传签字协议书。"),
    ),
    _verb(
        "refer",
        _("引导至其他途径"),
        access.may_work,
        (S.FAILED, S.CLOSED, S.TERMINATED),
        "referred",
        _("已记录引导去向；转法律援助、仲裁或信访的，已向接收机构发出移送。"),
    ),
)

# The states each verb starts from, for code that only asks "could this happen now".
ALLOWED_FROM: dict[str, tuple[str, ...]] = {verb.name: verb.allowed_from for verb in VERBS}
