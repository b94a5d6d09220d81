"""What the public timeline (tracking page and API, the 12368 enquiry) and the court API say
about a case: a text written for the public per event kind, never the staff's own words.

Staff texts carry reassignment reasons, the phone numbers someone typed into them, and
mediators' full names; those stay on the staff case page. An event is shown here only when it
was recorded as public and its kind has a public text below; a status change of a kind not
listed shows the new status only. Other areas add their kinds to PUBLIC_TEXTS (a plain dict:
``PUBLIC_TEXTS["kind"] = gettext_lazy("...")``) from their AppConfig.ready().
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from .models import Case, CaseStatus

PUBLIC_TEXTS: dict[str, StrOrPromise] = {
    "filed": gettext_lazy("纠纷已登记。"),
    "evidence_added": gettext_lazy("补充了证据材料。"),
    "routed": gettext_lazy("已分派给调解组织。"),
    "assigned": gettext_lazy("已确定调解员。"),
    "reassigned": gettext_lazy("已更换调解员。"),
    "accepted": gettext_lazy("调解组织已受理。"),
    "mediation_started": gettext_lazy("调解已开始。"),
    "escalated": gettext_lazy("案件已移交上一级调解组织办理。"),
    "session_scheduled": gettext_lazy("已安排调解，时间和地点见“调解进展”。请按时到场。"),
    "session_held": gettext_lazy("已进行一次调解。"),
    "session_moved": gettext_lazy("调解改期，新的时间和地点见“调解进展”。"),
    "session_cancelled": gettext_lazy("原定的一次调解已取消，调解组织会另行通知。"),
    "stranded_moved_up": gettext_lazy("案件已转上一级调解组织办理。"),
    "agreement": gettext_lazy("调解成功，已达成调解协议。"),
    "fail": gettext_lazy("调解不成。调解组织会告知您可以选择的其他途径（仲裁、行政处理或诉讼）。"),
    "not_accept": gettext_lazy("不予受理。调解组织会告知您原因和可以选择的其他途径。"),
    "withdraw": gettext_lazy("调解申请已撤回。"),
    "terminate": gettext_lazy("调解已终止。"),
    "close": gettext_lazy("已结案。"),
    "judicial_confirmation_requested": gettext_lazy(
        "当事人已申请司法确认（经法院确认后，一方不履行的，对方可以申请强制执行）。"
    ),
    "referred": gettext_lazy("调解组织已告知当事人可以选择的其他途径。"),
    "party_sms": gettext_lazy("已向当事人发送短信通知。"),
    # A text to the parties, by what it told them ("kind:event" picks a more precise text).
    "party_sms:session_scheduled": gettext_lazy("已短信通知当事人调解时间和地点。"),
    "party_sms:decision_made": gettext_lazy("已短信通知当事人处理结果。"),
    "party_sms:session_moved": gettext_lazy("已短信通知当事人调解改期后的时间和地点。"),
    "party_sms:session_cancelled": gettext_lazy("已短信通知当事人该次调解取消。"),
    "dispatched": gettext_lazy("司法局已将案件分派给调解组织。"),
    "delegation_rejected": gettext_lazy("司法局已将案件退回法院。"),
    "court_filed": gettext_lazy("法院已转立案。"),
    "court_concluded": gettext_lazy("法院已登记调解成功后的处理途径。"),
}


def public_text(kind: str, to_status: str, payload: dict | None = None) -> str | None:
    detail = (payload or {}).get("event") if isinstance(payload, dict) else None
    for key in (f"{kind}:{detail}", kind):
        if key in PUBLIC_TEXTS:
            return str(PUBLIC_TEXTS[key])
    if to_status in CaseStatus.values:
        return _("案件状态：%(status)s。") % {"status": CaseStatus(to_status).label}
    return None


def public_timeline(case: Case) -> list[dict]:
    """The public events of a case, oldest first, each as {at, kind, text}."""
    rows = case.events.filter(is_public=True).order_by("at", "id")
    entries = []
    for at, kind, to_status, payload in rows.values_list("at", "kind", "to_status", "payload"):
        text = public_text(kind, to_status, payload)
        if text is not None:
            entries.append({"at": at, "kind": kind, "text": text})
    return entries
