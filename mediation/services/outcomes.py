"""How mediation ends and what follows: the agreement (its terms, the written copy, and the
parties' request for judicial confirmation), failure, withdrawal and termination with the
other routes the parties are told of, closing the file, the return visit on performance,
and the copy of the agreement as the parties signed it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from cases.models import Case, CaseStatus
from cases.record import recorded
from cases.services import record_event

from ..models import (
    Agreement,
    AgreementKind,
    AgreementTerm,
    FollowUp,
    MediationFile,
    MediationSession,
    Outcome,
    Performance,
    SessionStatus,
)
from ..verbs import ALLOWED_FROM, VERBS
from ._common import MediationRefused, _finish, _move

# What the parties are told when mediation ends without agreement (人民调解法 §26).
OTHER_ROUTES = gettext_noop(
    "当事人可以依法通过其他途径解决：向人民法院起诉；劳动争议可申请劳动人事争议仲裁；"
    "经济困难的可申请法律援助；也可向信访部门反映。"
)


def other_routes_text() -> str:
    """What the parties are told when mediation ends without agreement (人民调解法 §26)."""
    return _(OTHER_ROUTES)


# Outcomes ---------------------------------------------------------------------------------------


@dataclass
class TermInput:
    obligor: str
    action: str
    amount: Decimal | None = None
    due_date: dt.date | None = None


def validate_terms(terms: list[TermInput]) -> None:
    today = timezone.localdate()
    errors = []
    for number, term in enumerate(terms, start=1):
        if not term.obligor.strip() or not term.action.strip():
            errors.append(_("第 %d 项：请填写义务人和履行事项。") % number)
        if term.amount is not None and term.amount < 0:
            errors.append(_("第 %d 项：金额不能小于 0。") % number)
        if term.due_date is not None and term.due_date < today:
            errors.append(_("第 %d 项：履行期限不能早于今天。") % number)
    if errors:
        raise ValidationError({"terms": errors})


def agreement_summary(terms: list[TermInput], text: str) -> str:
    """The agreement in one text, as the court and the parties read it: each term (who does
    what, how much, by when), then whatever else was agreed."""
    lines = []
    for term in terms:
        line = f"{term.obligor.strip()}{term.action.strip()}"
        if term.amount is not None:
            line += _("%(amount)s元") % {"amount": f"{term.amount:,.2f}"}
        if term.due_date is not None:
            due = term.due_date
            line += _("，%(y)s年%(m)s月%(d)s日前履行") % {
                "y": due.year,
                "m": due.month,
                "d": due.day,
            }
        lines.append(line)
    if text.strip():
        lines.append(text.strip())
    return "；".join(lines) + "。" if lines else ""


def record_agreement(
    *,
    case: Case,
    actor,
    kind: str,
    facts: str,
    terms: list[TermInput],
    text: str = "",
    judicial_confirmation: bool = False,
    on_the_spot_reason: str = "",
) -> Agreement:
    """The agreement and the case's move to "agreement" in one transaction. The move carries
    the agreement's text and whether the parties ask for judicial confirmation, which is how
    a court that delegated the case (courts.receivers) gets the result back.

    An agreement comes out of a session that was held, or, mediated on the spot (当场调解)
    without one booked, with what happened recorded instead."""
    VERBS.check("agreement", actor, case)
    held = MediationSession.objects.filter(case=case, status=SessionStatus.HELD).exists()
    if not held and not on_the_spot_reason.strip():
        raise ValidationError(
            {
                "on_the_spot_reason": _(
                    "本案还没有已进行的调解记录。请先记录调解笔录；当场调解达成协议的，"
                    "请写明当场调解的时间、地点和经过。"
                )
            }
        )
    if kind not in AgreementKind.values:
        raise ValidationError({"kind": _("请选择书面协议或口头协议。")})
    if not facts.strip():
        raise ValidationError({"facts": _("请填写纠纷主要事实和争议事项。")})
    if not terms and not text.strip():
        raise ValidationError({"terms": _("请至少填写一项协议内容。")})
    validate_terms(terms)
    outcome = Outcome.AGREEMENT_WRITTEN if kind == AgreementKind.WRITTEN else Outcome.AGREEMENT_ORAL
    with transaction.atomic():
        agreement = Agreement.objects.create(
            case=case,
            kind=kind,
            facts=facts.strip(),
            text=text.strip(),
            on_the_spot_reason="" if held else on_the_spot_reason.strip()[:500],
            created_by=actor,
        )
        AgreementTerm.objects.bulk_create(
            [
                AgreementTerm(
                    agreement=agreement,
                    obligor=t.obligor.strip(),
                    action=t.action.strip(),
                    amount=t.amount,
                    due_date=t.due_date,
                )
                for t in terms
            ]
        )
        label = AgreementKind(kind).label
        _finish(
            case,
            "agreement",
            CaseStatus.AGREEMENT,
            outcome,
            actor,
            recorded("调解成功，达成%(kind)s。", kind=label),
            payload={
                "agreement": agreement_summary(terms, text),
                "agreement_id": agreement.pk,
                "kind": kind,
                "judicial_confirmation": judicial_confirmation,
            },
        )
        MediationFile.objects.filter(case=case).update(performance="not_yet")
        if judicial_confirmation:
            _request_judicial(Case.objects.get(pk=case.pk), actor)
        if kind == AgreementKind.WRITTEN:
            from ..documents import store_agreement_pdf

            store_agreement_pdf(agreement)
        return agreement


def fail(*, case: Case, actor, reason: str) -> Case:
    cause = recorded("（原因：%s）", reason.strip()) if reason.strip() else ""
    text = recorded("调解不成。") + cause + recorded(OTHER_ROUTES)
    return _finish(case, "fail", CaseStatus.FAILED, Outcome.FAILED, actor, text)


def withdraw(*, case: Case, actor, reason: str = "") -> Case:
    text = recorded("申请人撤回调解申请。") + reason.strip()
    return _finish(case, "withdraw", CaseStatus.WITHDRAWN, Outcome.WITHDRAWN, actor, text)


def terminate(*, case: Case, actor, reason: str) -> Case:
    if not reason.strip():
        raise ValidationError({"reason": _("请填写终止调解的理由。")})
    text = recorded("调解终止：%s。", reason.strip()) + recorded(OTHER_ROUTES)
    return _finish(
        case,
        "terminate",
        CaseStatus.TERMINATED,
        Outcome.TERMINATED,
        actor,
        text,
        payload={"reason": reason.strip()},
    )


def close(*, case: Case, actor, note: str = "") -> Case:
    """Closing needs an outcome: only agreed or failed cases are closed."""
    VERBS.check("close", actor, case)
    outcome = MediationFile.objects.filter(case=case).values_list("outcome", flat=True).first()
    if case.status in ALLOWED_FROM["close"] and not outcome:
        raise MediationRefused(_("请先记录调解结果，再结案。"))
    return _move(
        case,
        "close",
        to=CaseStatus.CLOSED,
        actor=actor,
        kind="closed",
        text=recorded("已结案。") + note.strip(),
    )


# After the outcome ---------------------------------------------------------------------------


def record_follow_up(
    *, case: Case, actor, performance: str, note: str, visited_on: dt.date | None = None
) -> FollowUp:
    """A return visit, and with it how far the agreement has been performed."""
    VERBS.check("follow_up", actor, case)
    if (
        case.status not in ALLOWED_FROM["follow_up"]
        or not Agreement.objects.filter(case=case).exists()
    ):
        raise MediationRefused(_("只有达成协议的案件可以记录回访和履行情况。"))
    visited_on = visited_on or timezone.localdate()
    if visited_on > timezone.localdate():
        raise ValidationError({"visited_on": _("回访日期不能晚于今天。")})
    if not note.strip():
        raise ValidationError({"note": _("请填写回访情况。")})
    with transaction.atomic():
        follow_up = FollowUp.objects.create(
            case=case,
            visited_on=visited_on,
            performance=performance,
            note=note.strip(),
            actor=actor,
        )
        MediationFile.objects.filter(case=case).update(performance=performance)
        record_event(
            case,
            kind="follow_up",
            actor=actor,
            text=recorded("回访：协议%(state)s。", state=Performance(performance).label),
            payload={"performance": performance},
        )
        return follow_up


def request_judicial_confirmation(*, case: Case, actor) -> Case:
    VERBS.check("judicial", actor, case)
    return _request_judicial(case, actor)


def _request_judicial(case: Case, actor) -> Case:
    agreement = Agreement.objects.filter(case=case).first()
    if case.status not in ALLOWED_FROM["follow_up"] or agreement is None:
        raise MediationRefused(_("只有达成协议的案件可以申请司法确认。"))
    with transaction.atomic():
        updated = MediationFile.objects.filter(
            case=case, judicial_confirmation_requested_at__isnull=True
        ).update(judicial_confirmation_requested_at=timezone.now())
        if updated != 1:
            raise MediationRefused(_("已申请过司法确认。"))
        record_event(
            case,
            kind="judicial_confirmation_requested",
            actor=actor,
            is_public=True,
            text=recorded(
                "当事人已申请司法确认（协议生效之日起 30 日内共同向人民法院申请；"
                "经法院确认后，一方不履行的，对方可以申请强制执行）。"
            ),
        )
        return case


def upload_signed_copy(*, case: Case, actor, upload) -> Agreement:
    """The agreement as the parties signed it (scanned or photographed)."""
    VERBS.check("signed_copy", actor, case)
    agreement = Agreement.objects.filter(case=case).first()
    if agreement is None:
        raise MediationRefused(_("本案没有调解协议，不能上传签字协议书。"))
    from ..documents import store_signed_copy

    store_signed_copy(agreement=agreement, upload=upload, actor=actor)
    return agreement
