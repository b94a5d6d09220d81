"""Who may act on a legal-aid application, from which states, and what it records."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.verbs import Verb, VerbSet

from . import access
from .models import ApplicationStatus as S
from .models import ArbitrationStatus, FileAccessStatus

BEFORE_DECISION = (S.REFERRED, S.SUBMITTED, S.MATERIALS_REQUESTED, S.UNDER_REVIEW)
AIDED = (S.GRANTED, S.ASSIGNED, S.IN_PROGRESS)


def _both(rule, condition):
    """A rule of who, offered only where the object's facts call for the verb (a button that
    could only be refused is not shown)."""
    return lambda user, application: condition(application) and rule(user, application)


def _flagged(application) -> bool:
    return application.needs_verification and application.verified_at is None


def _objection_open(application) -> bool:
    return application.objection_at is not None and application.objection_answered_at is None


def _label(value: str) -> str:
    return str(S(value).label)


def _verb(name, label, may, allowed_from=(), records="", done=""):
    return Verb(
        name,
        label,
        may=may,
        allowed_from=tuple(allowed_from),
        records=records or f"legal_aid_{name}",
        done=done,
        state_label=_label,
    )


VERBS = VerbSet(
    _verb(
        "request_materials",
        _("一次性告知补充材料"),
        access.is_officer,
        (S.REFERRED, S.SUBMITTED),
        done=_("已一次性告知需补充的材料；逾期不补充视为撤回申请。"),
    ),
    _verb(
        "accept_complete",
        _("材料齐全，开始审查"),
        access.is_officer,
        (S.REFERRED, S.SUBMITTED, S.MATERIALS_REQUESTED),
        done=_("材料齐全，已开始审查：须在 7 日内作出决定。"),
    ),
    _verb(
        "commit",
        _("签署告知承诺"),
        access.is_officer,
        BEFORE_DECISION,
        done=_("已记录申请人的告知承诺。"),
    ),
    _verb(
        "exempt",
        _("免予核查经济困难"),
        access.is_officer,
        BEFORE_DECISION,
        done=_("已记录免予核查经济困难状况及其理由。"),
    ),
    _verb(
        "accept_documents",
        _("以证明材料确认经济困难"),
        access.is_officer,
        BEFORE_DECISION,
        done=_("已确认申请人提交的经济困难证明材料。"),
    ),
    _verb(
        "aid_first",
        _("先行提供法律援助"),
        _both(access.is_officer, lambda a: a.is_urgent),
        BEFORE_DECISION,
        done=_("已决定先行提供法律援助，请尽快指派律师；材料可随后补交。"),
    ),
    _verb(
        "grant",
        _("决定给予法律援助"),
        access.is_officer,
        (S.UNDER_REVIEW,),
        done=_("已决定给予法律援助：须在 3 日内指派律师。"),
    ),
    _verb(
        "refuse",
        _("决定不予法律援助"),
        access.is_officer,
        (S.UNDER_REVIEW,),
        done=_("已作出不予法律援助的书面决定；申请人可向司法局提出异议。"),
    ),
    _verb(
        "assign",
        _("指派律师"),
        access.is_officer,
        (S.GRANTED,),
        done=_("已指派律师，等待律师接受。"),
    ),
    _verb(
        "lawyer_accept",
        _("接受指派"),
        access.is_lawyer,
        (S.ASSIGNED,),
        done=_("已接受指派。可申请网上阅卷并开始办理。"),
    ),
    _verb(
        "lawyer_decline",
        _("拒绝指派"),
        access.is_lawyer,
        (S.ASSIGNED,),
        done=_("已拒绝指派，案件回到法律援助机构重新指派。"),
    ),
    _verb(
        "verify",
        _("记录抽查核验结果"),
        _both(access.is_officer, _flagged),
        (*BEFORE_DECISION, *AIDED),
        done=_("已记录核验结果。"),
    ),
    _verb(
        "terminate",
        _("终止法律援助"),
        access.is_officer,
        AIDED,
        done=_("已终止法律援助；受援人可向司法局提出异议。"),
    ),
    _verb(
        "object",
        _("登记异议"),
        _both(access.is_officer, lambda a: a.objection_at is None or bool(a.objection_answer)),
        (S.REFUSED, S.TERMINATED),
        done=_("已登记异议并转司法局：须在 5 日内作出处理。"),
    ),
    _verb(
        "answer_objection",
        _("处理异议"),
        _both(access.is_bureau, _objection_open),
        (S.REFUSED, S.TERMINATED),
        done=_("已作出异议处理决定。"),
    ),
    _verb(
        "refer_arbitration",
        _("移送劳动仲裁"),
        _both(access.is_officer_or_lawyer, lambda a: a.is_labour_matter),
        AIDED,
        done=_("已移送劳动人事争议仲裁委员会：5 日内受理，受理后 45 日内裁决。"),
    ),
    _verb(
        "close",
        _("结案"),
        access.is_officer_or_lawyer,
        (S.IN_PROGRESS,),
        done=_("已结案，办理结果和挽回金额已记录。"),
    ),
)

LINK_VERBS = VerbSet(
    Verb(
        "record_award",
        _("记录仲裁裁决"),
        may=access.is_committee,
        allowed_from=(ArbitrationStatus.ACCEPTED,),
        records="legal_aid_award",
        done=_("已记录仲裁裁决，法律援助案卷同步更新。"),
        state_label=lambda v: str(ArbitrationStatus(v).label),
    ),
)

ACCESS_VERBS = VerbSet(
    Verb(
        "grant_file",
        _("准许阅卷"),
        may=access.may_grant_file,
        allowed_from=(FileAccessStatus.REQUESTED,),
        records="file_access_granted",
        done=_("已准许阅卷，到期自动结束。"),
        state_label=lambda v: str(FileAccessStatus(v).label),
    ),
    Verb(
        "refuse_file",
        _("不准许阅卷"),
        may=access.may_grant_file,
        allowed_from=(FileAccessStatus.REQUESTED,),
        records="file_access_refused",
        done=_("已不准许该阅卷申请。"),
        state_label=lambda v: str(FileAccessStatus(v).label),
    ),
    Verb(
        "revoke_file",
        _("收回阅卷权限"),
        may=access.may_grant_file,
        allowed_from=(FileAccessStatus.GRANTED,),
        records="file_access_revoked",
        done=_("已收回阅卷权限。"),
        state_label=lambda v: str(FileAccessStatus(v).label),
    ),
)
