"""The notices parties get from people's mediation: acceptance, refusal to accept, and
termination (with the other routes open to them, 人民调解法 §26). Each goes out as an SMS
when the case moves, and can be printed as a PDF (``mediation.papers.notice_pdf``).

Connected to ``case_transitioned``, which is sent inside the verb's transaction: the
messages are rows that commit or roll back with the move, and are sent after commit
(``notifications.services.send_sms``), at most once per party and notice.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone, translation

from cases.models import PartySide
from cases.record import RecordText, recorded
from deadlines.invitations import text_party

# Transition kind -> (SMS event, what the timeline says was sent).
NOTICE_SMS = {
    "accepted": "mediation_accepted",
    "not_accept": "mediation_not_accepted",
    "terminate": "mediation_terminated",
}
ROUTES_SMS = "您可以依法申请仲裁、行政处理、向人民法院起诉，经济困难的可申请法律援助。"
REASON_MAX = 60


def _timeline_text(event: str, party) -> RecordText:
    side, name = PartySide(party.side).label, party.name
    if event == "mediation_accepted":
        return recorded("已短信通知%(side)s%(name)s：纠纷已受理。", side=side, name=name)
    if event == "mediation_not_accepted":
        return recorded(
            "已短信通知%(side)s%(name)s：不予受理及其他解决途径。", side=side, name=name
        )
    return recorded("已短信通知%(side)s%(name)s：终止调解及其他解决途径。", side=side, name=name)


def _facts(case, kind: str, actor, payload: dict) -> dict:
    if kind == "accepted":
        name = f"{actor.last_name}{actor.first_name}".strip() if actor else ""
        local = timezone.localdate()
        return {"mediator": name or "", "date": f"{local.month}月{local.day}日"}
    reason = str(payload.get("reason", "")).strip().rstrip("。")
    if len(reason) > REASON_MAX:
        reason = reason[: REASON_MAX - 1] + "…"
    return {"reason": reason, "routes": ROUTES_SMS}


def on_case_transitioned(sender, *, case, kind: str, actor=None, payload=None, **kwargs) -> None:
    event = NOTICE_SMS.get(kind)
    if event is None:
        return
    facts = _facts(case, kind, actor, payload or {})
    parties = case.parties.filter(side__in=[PartySide.APPLICANT, PartySide.RESPONDENT])
    # The notice is a legal text: in Chinese, whatever language the person acting reads.
    with translation.override(settings.LANGUAGE_CODE):
        for party in parties.exclude(phone="").order_by("id"):
            text_party(
                case=case,
                party=party,
                event=event,
                actor=actor,
                timeline_text=_timeline_text(event, party),
                dedupe_key=f"notice:{event}:{case.pk}:{case.organisation_id}:{party.pk}"[:120],
                **facts,
            )
