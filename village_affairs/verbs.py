"""Who may act on a village's registers: each verb declared once (see accounts/verbs.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.verbs import Verb, VerbSet

from . import access
from .models import ApplicationStatus as A
from .models import PostingStatus as P
from .models import RuleStatus as R

NOT_YOUR_VILLAGE = _("您不能对该村的记录执行此操作。")
NOT_YOUR_TOWN = _("只有所属镇（街道）的工作人员可以审查或审批。")


def _label(choices):
    return lambda value: str(choices(value).label)


RULE_VERBS = VerbSet(
    Verb(
        "edit",
        _("修改草案"),
        may=access.may_keep,
        allowed_from=(R.DRAFT,),
        records="rule_edited",
        done=_("草案已保存。"),
        refusal=NOT_YOUR_VILLAGE,
        state_label=_label(R),
    ),
    Verb(
        "adopt",
        _("登记表决通过"),
        may=access.may_keep,
        allowed_from=(R.DRAFT,),
        records="rule_adopted",
        done=_("已登记会议表决，本版本生效。下一步：报镇备案。"),
        refusal=NOT_YOUR_VILLAGE,
        state_label=_label(R),
    ),
    Verb(
        "file",
        _("报镇备案"),
        may=access.may_keep,
        allowed_from=(R.ADOPTED,),
        records="rule_filed",
        done=_("已登记备案。镇政府审查后会给出意见。"),
        refusal=NOT_YOUR_VILLAGE,
        state_label=_label(R),
    ),
    Verb(
        "review",
        _("备案审查"),
        may=access.may_govern,
        allowed_from=(R.FILED,),
        records="rule_reviewed",
        done=_("审查意见已记录。"),
        refusal=NOT_YOUR_TOWN,
        state_label=_label(R),
    ),
    Verb(
        "revise",
        _("起草新版本"),
        may=access.may_keep,
        allowed_from=(R.ADOPTED, R.FILED, R.APPROVED, R.RETURNED),
        records="rule_drafted",
        done=_("已起草新版本草案。"),
        refusal=NOT_YOUR_VILLAGE,
        state_label=_label(R),
    ),
)

POSTING_VERBS = VerbSet(
    Verb(
        "edit",
        _("修改草稿"),
        may=access.may_keep,
        allowed_from=(P.DRAFT,),
        records="posting_edited",
        done=_("草稿已保存。"),
        refusal=NOT_YOUR_VILLAGE,
        state_label=_label(P),
    ),
    Verb(
        "publish",
        _("公开"),
        may=access.may_keep,
        allowed_from=(P.DRAFT,),
        records="posting_published",
        done=_("已公开，村民可在本村公开页查看。"),
        refusal=NOT_YOUR_VILLAGE,
        state_label=_label(P),
    ),
    Verb(
        "correct",
        _("更正"),
        may=access.may_keep,
        allowed_from=(P.PUBLISHED,),
        records="posting_corrected",
        done=_("已建立更正稿；公开后替换原公开内容。"),
        refusal=NOT_YOUR_VILLAGE,
        state_label=_label(P),
    ),
)

QUESTION_VERBS = VerbSet(
    Verb(
        "answer",
        _("答复"),
        may=access.may_answer,
        allowed_from=("open",),
        records="question_answered",
        done=_("答复已公开。"),
        refusal=NOT_YOUR_VILLAGE,
    ),
)

APPLICATION_VERBS = VerbSet(
    Verb(
        "village_review",
        _("村审查"),
        may=access.may_keep,
        allowed_from=(A.SUBMITTED,),
        records="homestead_village_reviewed",
        done=_("村审查意见已记录。下一步：张榜公示。"),
        refusal=NOT_YOUR_VILLAGE,
        state_label=_label(A),
    ),
    Verb(
        "notice",
        _("张榜公示"),
        may=access.may_keep,
        allowed_from=(A.VILLAGE_APPROVED,),
        records="homestead_noticed",
        done=_("已登记公示。公示期满后报镇政府审批。"),
        refusal=NOT_YOUR_VILLAGE,
        state_label=_label(A),
    ),
    Verb(
        "approve",
        _("批准"),
        may=access.may_govern,
        allowed_from=(A.NOTICE,),
        records="homestead_approved",
        done=_("已批准，宗地已登记入册。"),
        refusal=NOT_YOUR_TOWN,
        state_label=_label(A),
    ),
    Verb(
        "refuse",
        _("不予批准"),
        may=access.may_govern,
        allowed_from=(A.VILLAGE_APPROVED, A.NOTICE),
        records="homestead_refused",
        done=_("已作出不予批准决定，理由已记录。"),
        refusal=NOT_YOUR_TOWN,
        state_label=_label(A),
    ),
)

LEDGER_VERBS = VerbSet(
    Verb(
        "close",
        _("登记化解结果"),
        may=access.may_mediate,
        allowed_from=("pending",),
        records="ledger_closed",
        done=_("化解结果已登记。"),
        refusal=NOT_YOUR_VILLAGE,
    ),
)
