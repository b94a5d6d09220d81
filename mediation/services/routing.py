"""Where a case goes: routing by the rules (or by hand, to an organisation of the page's
list) with the assignment that follows in the same status change, one step up the ladder
when nobody is able to act at the chosen level, and escalation to the level above with its
hand-off (transfers)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from accounts.models import Organisation
from cases.models import Case, CaseStatus
from cases.record import recorded
from cases.services import transition
from deadlines.services import meet_deadlines
from transfers.models import TransferKind

from .. import access, ladder, loads
from ..models import MediationFile
from ..routing import RouteChoice, choose_route
from ..verbs import ALLOWED_FROM, VERBS
from ._common import DEADLINE_KIND, MediationRefused, _hand_off, _move
from .acceptance import _after_assignment, _assign, _assignment_text, _pick


def route_case(*, case: Case, actor=None) -> Case:
    """Send a received case where the rules say, then assign a mediator there."""
    VERBS.check("auto_route", actor, case)
    return _apply_route(case, choose_route(case), actor)


def route_manually(*, case: Case, organisation: Organisation, actor, reason: str = "") -> Case:
    """Route to an organisation of the page's list (``access.route_targets``) only: a code
    sent to the API for another county's room, a law firm or a court is refused."""
    VERBS.check("route", actor, case)
    if not access.route_targets(case).filter(pk=organisation.pk).exists():
        raise ValidationError(
            {"organisation": _("只能分派至本案所在村、镇的调解委员会或本县（区）中心的工作室。")}
        )
    text = recorded("人工分派至%(org)s。", org=organisation.name)
    choice = RouteChoice(organisation, None, text + reason)
    return _apply_route(case, choice, actor, manual=True)


def _apply_route(case: Case, choice: RouteChoice, actor, *, manual: bool = False) -> Case:
    """Routing and assignment in one transaction and one status change."""
    with transaction.atomic():
        record = {
            "rule_id": choice.rule.pk if choice.rule else None,
            "routing_reason": choice.reason[:300],
        }
        # The file exists from filing (mediation.mirror); plain UPDATEs keep routing cheap.
        if not MediationFile.objects.filter(case=case).update(**record):
            MediationFile.objects.create(case=case, **record)
        requested = MediationFile.objects.filter(case=case).values_list(
            "requested_mediator_id", flat=True
        )
        payload = {"rule": choice.rule.pk if choice.rule else None, "to": choice.organisation.code}
        if choice.is_manual and not manual:
            # Nothing matched: the case waits at the window, still "received".
            return transition(
                case,
                to=CaseStatus.RECEIVED,
                allowed_from=ALLOWED_FROM["route"],
                actor=actor,
                kind="routing_manual_needed",
                text=choice.reason,
                is_public=False,
                payload=payload,
                organisation=choice.organisation,
            )
        if case.status not in ALLOWED_FROM["route"]:
            # Refuse before locking or choosing anyone; transition() words the message.
            return _move(case, "route", to=CaseStatus.ROUTED, actor=actor, kind="routed", text="")
        # Nobody able to act there: one step up the ladder, said on the timeline.
        placement = ladder.receiver_for(case, choice.organisation)
        receiver = placement.organisation
        mediator = _pick(case, receiver, requested.first())
        case = _move(
            case,
            "route",
            to=CaseStatus.ROUTED,
            actor=actor,
            kind="routed",
            text=choice.reason + placement.note + _assignment_text(mediator, receiver),
            payload={**payload, "to": receiver.code, "mediator": mediator.pk if mediator else None},
            organisation=receiver,
            assignee=mediator,
        )
        if mediator is not None:
            _after_assignment(case, mediator, previous=None)
        return case


# Escalation ------------------------------------------------------------------------------------


def escalate(
    *, case: Case, actor, reason: str, has_consent: bool = False, consent_note: str = ""
) -> Case:
    """Up one level, and a hand-off (transfers) to that level in the same transaction: the
    receiver signs for it on its clock. Like every hand-off it needs the parties' consent to
    their data going there. A level with nobody able to act is passed over."""
    VERBS.check("escalate", actor, case)
    if not reason.strip():
        raise ValidationError({"reason": _("请填写上交理由。")})
    above = ladder.next_level(case, case.organisation)
    if above is None:
        raise MediationRefused(
            _("%(org)s已是最高一级，不能再上交。") % {"org": case.organisation.name}
        )
    placement = ladder.receiver_for(case, above)
    target = placement.organisation
    previous = case.assignee_id
    source = case.organisation
    with transaction.atomic():
        _hand_off(
            case,
            source=source,
            receiver=target,
            kind=TransferKind.ESCALATE,
            actor=actor,
            has_consent=has_consent,
            consent_note=consent_note,
            note=_("上交理由：%s") % reason.strip(),
            payload={"from": source.code, "to": target.code},
        )
        case = _move(
            case,
            "escalate",
            to=CaseStatus.ROUTED,
            actor=actor,
            kind="escalated",
            text=recorded(
                "%(src)s未能化解，上交%(dst)s。理由：%(reason)s",
                src=case.organisation.name,
                dst=target.name,
                reason=reason.strip(),
            )
            + placement.note,
            payload={"from": case.organisation.code, "to": target.code},
            organisation=target,
            assignee=None,
        )
        MediationFile.objects.filter(case=case).update(
            escalations=F("escalations") + 1, mediation_due_at=None
        )
        loads.shift(previous, None)
        meet_deadlines(case=case, kind=DEADLINE_KIND, actor=actor)
        return _assign(case, actor)
