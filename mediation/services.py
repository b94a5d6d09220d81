"""The verbs of mediation, one function per verb. Each runs in one transaction, changes the
case only through ``cases.services.transition`` (so every outcome reaches the
``case_transitioned`` listeners) and leaves a timeline event."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.access import staffed_organisations
from accounts.models import CourtJurisdiction, Organisation, Role
from accounts.verbs import ActionRefused
from cases.models import Case, CaseStatus, PartySide
from cases.services import ConcurrentChange, record_event, transition
from deadlines.invitations import text_party
from deadlines.services import meet_deadlines, start_deadline
from notifications.services import notify_staff
from transfers.models import TransferKind
from transfers.services import TransferRefused, create_transfer

from . import access, assignment, ladder, loads
from .models import (
    Agreement,
    AgreementKind,
    AgreementTerm,
    FollowUp,
    MediationFile,
    MediationSession,
    Outcome,
    Recusal,
    Referral,
    SessionStatus,
)
from .routing import RouteChoice, choose_route
from .verbs import ALLOWED_FROM, VERBS

DEADLINE_KIND = "people_mediation"


def other_routes_text() -> str:
    """What the parties are told when mediation ends without agreement (人民调解法 §26)."""
    return _(
        "当事人可以依法通过其他途径解决：向人民法院起诉；劳动争议可申请劳动人事争议仲裁；"
        "经济困难的可申请法律援助；也可向信访部门反映。"
    )


class MediationRefused(ActionRefused):
    """A move the state machine allows but this case does not, now (HTTP 409)."""


def _name(user) -> str:
    full = f"{user.last_name}{user.first_name}".strip()
    return full or user.get_username()


def _file(case: Case) -> MediationFile:
    file, _created = MediationFile.objects.get_or_create(case=case)
    return file


def _move(case: Case, verb: str, **kwargs) -> Case:
    return transition(case, allowed_from=ALLOWED_FROM[verb], **kwargs)


# What each text to the parties leaves on the public timeline: who was told what, never the
# number it went to.
SMS_TIMELINE = {
    "session_scheduled": gettext_lazy("已短信通知%(side)s%(name)s调解时间和地点。"),
    "session_moved": gettext_lazy("已短信通知%(side)s%(name)s调解改期后的时间和地点。"),
    "session_cancelled": gettext_lazy("已短信通知%(side)s%(name)s该次调解取消。"),
    "decision_made": gettext_lazy("已短信通知%(side)s%(name)s处理结果。"),
}


def _text_parties(case: Case, *, event: str, actor, key: str, **facts) -> int:
    """Text every applicant and respondent who gave a mobile number. Called inside the
    verb's transaction: the messages are rows that commit with it, and the SMS task is
    queued only on commit, so a rolled-back verb texts no one. ``key`` makes a retried verb
    text each party once."""
    parties = case.parties.filter(side__in=[PartySide.APPLICANT, PartySide.RESPONDENT]).exclude(
        phone=""
    )
    sent = 0
    for party in parties.order_by("id"):
        text_party(
            case=case,
            party=party,
            event=event,
            actor=actor,
            timeline_text=str(SMS_TIMELINE[event])
            % {"side": party.get_side_display(), "name": party.name},
            dedupe_key=f"mediation:{key}:{party.pk}"[:120],
            **facts,
        )
        sent += 1
    return sent


# Routing -----------------------------------------------------------------------------------


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
    text = _("人工分派至%(org)s。") % {"org": organisation.name}
    choice = RouteChoice(organisation, None, f"{text}{reason}")
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


# Assignment --------------------------------------------------------------------------------


def _pick(case: Case, organisation: Organisation, requested_id: int | None):
    """The mediator assignment chooses in ``organisation``, or None."""
    # One assignment at a time per organisation, so the loads compared are current.
    list(Organisation.objects.select_for_update().filter(pk=organisation.pk).values_list("pk"))
    candidates = assignment.eligible(case, assignment.roster(organisation))
    chosen = assignment.choose(case, candidates, requested_id)
    return get_user_model().objects.get(pk=chosen.user_id) if chosen else None


def _assignment_text(mediator, organisation: Organisation) -> str:
    if mediator is None:
        return _("%(org)s将尽快安排调解员。") % {"org": organisation.name}
    return _("由调解员%(name)s承办。") % {"name": _name(mediator)}


def _after_assignment(case: Case, mediator, *, previous: int | None) -> None:
    loads.shift(previous, mediator.pk, assigned_at=timezone.now())
    notify_staff(
        [mediator],
        kind="mediation_assigned",
        title=_("新分配案件 %(number)s") % {"number": case.number},
        link_url=f"/mediation/cases/{case.pk}/",
    )


def assign_mediator(*, case: Case, actor=None) -> Case:
    """Give a routed case to the fairest eligible mediator of its organisation, or leave it
    for the supervisor's board when there is none."""
    VERBS.check("assign", actor, case)
    return _assign(case, actor)


def _assign(case: Case, actor) -> Case:
    with transaction.atomic():
        requested = MediationFile.objects.filter(case=case).values_list(
            "requested_mediator_id", flat=True
        )
        mediator = _pick(case, case.organisation, requested.first())
        if mediator is None:
            record_event(
                case,
                kind="assignment_pending",
                actor=actor,
                text=_assignment_text(None, case.organisation),
                is_public=False,
            )
            return case
        return _give_to(case, mediator, actor, kind="assigned", reason="")


def _give_to(case: Case, mediator, actor, *, kind: str, reason: str) -> Case:
    verb = "assign" if kind == "assigned" else "reassign"
    previous = case.assignee_id
    case = _move(
        case,
        verb,
        to=case.status,
        actor=actor,
        kind=kind,
        text=f"{_assignment_text(mediator, case.organisation)}{reason}",
        payload={"mediator": mediator.pk},
        assignee=mediator,
    )
    _after_assignment(case, mediator, previous=previous)
    return case


def request_mediator(*, case: Case, mediator, actor) -> None:
    """A party asks for a named mediator from the organisation's roster."""
    VERBS.check("request_mediator", actor, case)
    if not assignment.is_eligible(case, case.organisation, mediator.pk):
        raise MediationRefused(_("所选调解员不在本机构名册中，或与当事人存在利害关系。"))
    with transaction.atomic():
        MediationFile.objects.update_or_create(case=case, defaults={"requested_mediator": mediator})
        record_event(
            case,
            kind="mediator_requested",
            actor=actor,
            text=_("当事人选择调解员%(name)s。") % {"name": _name(mediator)},
        )


def reassign(*, case: Case, mediator, actor, reason: str) -> Case:
    """The supervisor's override: a named mediator, with the reason on the timeline."""
    VERBS.check("reassign", actor, case)
    if not reason.strip():
        raise ValidationError({"reason": _("请填写改派理由。")})
    if not assignment.is_eligible(case, case.organisation, mediator.pk):
        raise MediationRefused(_("该调解员不在承办机构名册中，或与当事人存在利害关系，不能承办。"))
    with transaction.atomic():
        return _give_to(
            case, mediator, actor, kind="reassigned", reason=_("改派理由：%s") % reason.strip()
        )


# Acceptance --------------------------------------------------------------------------------


def accept(*, case: Case, actor) -> Case:
    VERBS.check("accept", actor, case)
    previous = case.assignee_id
    try:
        with transaction.atomic():
            case = _move(
                case,
                "accept",
                to=CaseStatus.ACCEPTED,
                actor=actor,
                kind="accepted",
                text=_("%(org)s已受理，调解员%(name)s承办。")
                % {"org": case.organisation.name, "name": _name(actor)},
                assignee=actor,
            )
            _file(case)
            loads.shift(previous, actor.pk)
            clock = start_deadline(case=case, kind=DEADLINE_KIND, actor=actor)
            MediationFile.objects.filter(case=case).update(mediation_due_at=clock.due_at)
            return case
    except ConcurrentChange as exc:
        current = Case.objects.select_related("assignee").get(pk=case.pk)
        who = _name(current.assignee) if current.assignee else _("其他人")
        raise ConcurrentChange(
            _("受理未成功：该案件刚由%(who)s处理，当前状态为“%(status)s”。")
            % {"who": who, "status": current.get_status_display()}
        ) from exc


def decline(*, case: Case, actor, reason: str) -> Case:
    """The mediator steps back; the case goes to the next eligible mediator."""
    VERBS.check("decline", actor, case)
    if not reason.strip():
        raise ValidationError({"reason": _("请填写不能承办的理由。")})
    with transaction.atomic():
        Recusal.objects.get_or_create(
            case=case, mediator=actor, defaults={"reason": reason.strip()[:300]}
        )
        case = _move(
            case,
            "decline",
            to=CaseStatus.ROUTED,
            actor=actor,
            kind="declined",
            text=_("调解员%(name)s不能承办：%(reason)s") % {"name": _name(actor), "reason": reason},
            is_public=False,
            assignee=None,
        )
        loads.shift(actor.pk, None)
        return _assign(case, actor)


# Decisions the parties are texted about; a withdrawal is their own act. Acceptance, refusal
# to accept and termination are texted as notices of their own (mediation.notices).
DECISIONS_TEXTED = frozenset({"agreement", "fail"})


def _finish(case: Case, verb: str, to: str, outcome: str, actor, text: str, **extra) -> Case:
    VERBS.check(verb, actor, case)
    with transaction.atomic():
        case = _move(case, verb, to=to, actor=actor, kind=verb, text=text, **extra)
        MediationFile.objects.update_or_create(
            case=case,
            defaults={"outcome": outcome, "outcome_at": timezone.now(), "mediation_due_at": None},
        )
        meet_deadlines(case=case, kind=DEADLINE_KIND, actor=actor)
        if verb in DECISIONS_TEXTED:
            _text_parties(case, event="decision_made", actor=actor, key=f"decision:{case.pk}")
        return case


def not_accept(*, case: Case, actor, reason: str) -> Case:
    """Terminal: a party refuses mediation, or the matter is outside scope."""
    VERBS.check("not_accept", actor, case)
    if not reason.strip():
        raise ValidationError({"reason": _("请填写不予受理的理由。")})
    text = _("不予受理：%s") % reason.strip()
    return _finish(
        case,
        "not_accept",
        CaseStatus.NOT_ACCEPTED,
        Outcome.NOT_ACCEPTED,
        actor,
        text,
        payload={"reason": reason.strip()},
    )


def start_mediation(*, case: Case, actor) -> Case:
    VERBS.check("start", actor, case)
    return _start(case, actor)


def _start(case: Case, actor) -> Case:
    return _move(
        case,
        "start",
        to=CaseStatus.IN_MEDIATION,
        actor=actor,
        kind="mediation_started",
        text=_("调解开始。"),
    )


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
            text=_("%(src)s未能化解，上交%(dst)s。理由：%(reason)s")
            % {"src": case.organisation.name, "dst": target.name, "reason": reason.strip()}
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


# Sessions ---------------------------------------------------------------------------------------


def schedule_session(
    *,
    case: Case,
    actor,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    room: Organisation | None = None,
    place: str = "",
    mediator=None,
) -> MediationSession:
    VERBS.check("schedule", actor, case)
    mediator = mediator or case.assignee or actor
    _check_session_place(case, starts_at, ends_at, room, place)
    with transaction.atomic():
        _lock_and_check_clashes(case, starts_at, ends_at, room, mediator)
        session = MediationSession.objects.create(
            case=case,
            room=room,
            place=place.strip(),
            mediator=mediator,
            starts_at=starts_at,
            ends_at=ends_at,
            created_by=actor,
        )
        when, where = _when_where(session)
        record_event(
            case,
            kind="session_scheduled",
            actor=actor,
            is_public=True,
            text=_("已安排调解：%(when)s，地点：%(where)s。请当事人按时到场。")
            % {"when": when, "where": where},
            payload={"session": session.pk},
        )
        _text_session(case, session, "session_scheduled", actor, key=f"session:{session.pk}")
        if mediator.pk != getattr(actor, "pk", None):
            notify_staff(
                [mediator],
                kind="mediation_session",
                title=_("新的调解安排 %(number)s") % {"number": case.number},
                link_url=f"/mediation/cases/{case.pk}/",
            )
        return session


def move_session(
    *,
    session: MediationSession,
    actor,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    room: Organisation | None = None,
    place: str = "",
) -> MediationSession:
    """Another time or place for a session not yet held; the parties are texted."""
    case = session.case
    VERBS.check("move_session", actor, case)
    _check_session_place(case, starts_at, ends_at, room, place)
    with transaction.atomic():
        _lock_and_check_clashes(case, starts_at, ends_at, room, session.mediator, session)
        updated = MediationSession.objects.filter(
            pk=session.pk, status=SessionStatus.SCHEDULED
        ).update(starts_at=starts_at, ends_at=ends_at, room=room, place=place.strip())
        if updated != 1:
            raise MediationRefused(_("该次调解已进行或已取消，不能改期。"))
        session.refresh_from_db()
        when, where = _when_where(session)
        record_event(
            case,
            kind="session_moved",
            actor=actor,
            is_public=True,
            text=_("调解改期：%(when)s，地点：%(where)s。") % {"when": when, "where": where},
            payload={"session": session.pk},
        )
        stamp = f"{session.pk}:{starts_at.timestamp():.0f}"
        _text_session(case, session, "session_moved", actor, key=f"moved:{stamp}")
        return session


def cancel_session(*, session: MediationSession, actor, reason: str) -> MediationSession:
    """Call off a session not yet held; the room and the mediator are free again."""
    case = session.case
    VERBS.check("cancel_session", actor, case)
    if not reason.strip():
        raise ValidationError({"reason": _("请填写取消的原因。")})
    with transaction.atomic():
        updated = MediationSession.objects.filter(
            pk=session.pk, status=SessionStatus.SCHEDULED
        ).update(status=SessionStatus.CANCELLED)
        if updated != 1:
            raise MediationRefused(_("该次调解已进行或已取消。"))
        session.refresh_from_db()
        when, _where = _when_where(session)
        record_event(
            case,
            kind="session_cancelled",
            actor=actor,
            is_public=True,
            text=_("原定%(when)s的调解已取消，另行通知。") % {"when": when},
            payload={"session": session.pk, "reason": reason.strip()[:300]},
        )
        _text_session(case, session, "session_cancelled", actor, key=f"cancel:{session.pk}")
        return session


def _when_where(session: MediationSession) -> tuple[str, str]:
    local = timezone.localtime(session.starts_at)
    where = session.room.name if session.room else session.place
    return local.strftime("%Y年%m月%d日 %H:%M"), where


def _text_session(case: Case, session: MediationSession, event: str, actor, *, key: str) -> None:
    local = timezone.localtime(session.starts_at)
    _text_parties(
        case,
        event=event,
        actor=actor,
        key=key,
        when=f"{local.month}月{local.day}日{local:%H:%M}",
        place=session.room.name if session.room else session.place,
    )


def _check_session_place(case: Case, starts_at, ends_at, room, place: str) -> None:
    """The time makes sense, and the room is one of the case's own centre (the page's list);
    any other organisation sent as a room is refused."""
    _check_session_times(starts_at, ends_at)
    if room is None and not place.strip():
        raise ValidationError({"room": _("请选择调解室或填写地点。")})
    if room is not None and not access.session_rooms(case).filter(pk=room.pk).exists():
        raise ValidationError({"room": _("只能预约本案所属中心的调解室。")})


def _lock_and_check_clashes(case, starts_at, ends_at, room, mediator, moving=None) -> None:
    """Lock the room and the mediator so two bookings at once cannot both pass the check."""
    if room is not None:
        Organisation.objects.select_for_update().get(pk=room.pk)
    get_user_model().objects.select_for_update().get(pk=mediator.pk)
    clashes = MediationSession.objects.overlapping(starts_at, ends_at)
    if moving is not None:
        clashes = clashes.exclude(pk=moving.pk)
    if room is not None and clashes.filter(room=room).exists():
        raise MediationRefused(
            _("%(room)s在该时段已被预约，请换一个时间或调解室。") % {"room": room.name}
        )
    if clashes.filter(mediator=mediator).exists():
        raise MediationRefused(
            _("调解员%(name)s在该时段已有其他调解安排。") % {"name": _name(mediator)}
        )


def _check_session_times(starts_at: dt.datetime, ends_at: dt.datetime) -> None:
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("结束时间必须晚于开始时间。")})
    if starts_at < timezone.now() - dt.timedelta(minutes=5):
        raise ValidationError({"starts_at": _("不能安排在过去的时间。")})
    if ends_at - starts_at > dt.timedelta(hours=12):
        raise ValidationError({"ends_at": _("一次调解不超过 12 小时。")})


def record_session(
    *, session: MediationSession, actor, attendance: list[str], minutes: str
) -> MediationSession:
    """Attendance and the minutes (笔录) of a session that took place: never before it
    started."""
    VERBS.check("record", actor, session.case)
    if session.starts_at > timezone.now():
        raise MediationRefused(
            _("该次调解尚未开始（%(when)s），开始后才能记录笔录和到场情况。")
            % {"when": _when_where(session)[0]}
        )
    if not minutes.strip():
        raise ValidationError({"minutes": _("请填写调解笔录。")})
    with transaction.atomic():
        updated = MediationSession.objects.filter(
            pk=session.pk, status=SessionStatus.SCHEDULED
        ).update(
            status=SessionStatus.HELD,
            attendance=[a.strip() for a in attendance if a.strip()],
            minutes=minutes.strip(),
        )
        if updated != 1:
            raise MediationRefused(_("该次调解已记录或已取消。"))
        case = session.case
        if case.status == CaseStatus.ACCEPTED:
            case = _start(case, actor)
        record_event(
            case,
            kind="session_held",
            actor=actor,
            text=_("已记录调解笔录及到场情况。"),
            payload={"session": session.pk},
        )
        session.refresh_from_db()
        return session


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
            _("调解成功，达成%(kind)s。") % {"kind": label},
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
            from .documents import store_agreement_pdf

            store_agreement_pdf(agreement)
        return agreement


def fail(*, case: Case, actor, reason: str) -> Case:
    cause = _("（原因：%s）") % reason.strip() if reason.strip() else ""
    text = f"{_('调解不成。')}{cause}{other_routes_text()}"
    return _finish(case, "fail", CaseStatus.FAILED, Outcome.FAILED, actor, text)


def withdraw(*, case: Case, actor, reason: str = "") -> Case:
    text = _("申请人撤回调解申请。") + reason.strip()
    return _finish(case, "withdraw", CaseStatus.WITHDRAWN, Outcome.WITHDRAWN, actor, text)


def terminate(*, case: Case, actor, reason: str) -> Case:
    if not reason.strip():
        raise ValidationError({"reason": _("请填写终止调解的理由。")})
    text = f"{_('调解终止：%s。') % reason.strip()}{other_routes_text()}"
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
        text=_("已结案。") + note.strip(),
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
            text=_("回访：协议%(state)s。") % {"state": follow_up.get_performance_display()},
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
            text=_(
                "当事人已申请司法确认（协议生效之日起 30 日内共同向人民法院申请；"
                "经法院确认后，一方不履行的，对方可以申请强制执行）。"
            ),
        )
        return case


# Which referrals are hand-offs to an organisation of the case's county (its code prefix in
# accounts' reference data), and of which transfer kind. Going to court is the parties' own
# lawsuit: the timeline names the court, nothing is handed off.
REFERRAL_TRANSFERS = {
    Referral.LEGAL_AID: (TransferKind.REFER_LEGAL_AID, "legalaid"),
    Referral.LABOUR_ARBITRATION: (TransferKind.REFER_LABOUR_ARBITRATION, "arbitration"),
    Referral.PETITION: (TransferKind.REFER_PETITION, "petition"),
}


# Who must be there for a referral to be answered.
REFERRAL_ROLES = {
    Referral.LEGAL_AID: {Role.LEGAL_AID_OFFICER},
    Referral.LABOUR_ARBITRATION: {Role.BUREAU_OFFICER, Role.CENTRE_SUPERVISOR, Role.MEDIATOR},
    Referral.PETITION: {Role.BUREAU_OFFICER, Role.CENTRE_SUPERVISOR, Role.MEDIATOR},
}


def referral_receiver(case: Case, referral: str) -> Organisation | None:
    """The county's legal-aid centre, arbitration committee or petition office (the city's
    when the county has none); for a lawsuit, the court with jurisdiction over the village."""
    if referral == Referral.COURT:
        return CourtJurisdiction.court_for(case.village_id)
    _kind, prefix = REFERRAL_TRANSFERS[referral]
    codes = [f"{prefix}-{case.county_code}", f"{prefix}-city"]
    found = {o.code: o for o in Organisation.objects.filter(code__in=codes, is_active=True)}
    # Never to a body nobody works at: the county's if staffed, else the city's.
    staffed = staffed_organisations([o.pk for o in found.values()], REFERRAL_ROLES[referral])
    in_order = [found[code] for code in codes if code in found]
    return next((o for o in in_order if o.pk in staffed), in_order[0] if in_order else None)


def _hand_off(case: Case, *, source, receiver, kind: str, actor, has_consent, **fields) -> None:
    """A transfer in the caller's transaction; transfers decides whether the parties'
    consent is needed, and its refusal is this form's error."""
    try:
        create_transfer(
            case=case,
            from_organisation=source,
            to_organisation=receiver,
            kind=kind,
            actor=actor,
            has_consent=has_consent,
            **fields,
        )
    except TransferRefused as exc:
        raise ValidationError({"has_consent": exc.message}) from exc


def refer(
    *,
    case: Case,
    actor,
    referral: str,
    note: str = "",
    has_consent: bool = False,
    consent_note: str = "",
) -> Case:
    """After a failure, the route the parties take onward: on the timeline, and for legal
    aid, arbitration or the petition office a transfer to the county's organisation, with
    the parties' consent, in the same transaction."""
    VERBS.check("refer", actor, case)
    if referral not in Referral.values:
        raise ValidationError({"referral": _("请选择引导去向。")})
    outcome = MediationFile.objects.filter(case=case).values_list("outcome", flat=True).first()
    if case.status not in ALLOWED_FROM["refer"] or outcome not in (
        Outcome.FAILED,
        Outcome.TERMINATED,
    ):
        raise MediationRefused(_("只有调解不成或终止调解的案件可以引导至其他途径。"))
    receiver = referral_receiver(case, referral)
    if referral in REFERRAL_TRANSFERS and receiver is None:
        raise MediationRefused(
            _("未找到本县（区）的%(route)s接收机构，请联系管理员。")
            % {"route": Referral(referral).label}
        )
    route = Referral(referral).label
    if referral == Referral.COURT and receiver is not None:
        route = _("向%(court)s起诉") % {"court": receiver.name}
    with transaction.atomic():
        if referral in REFERRAL_TRANSFERS:
            _hand_off(
                case,
                source=case.organisation,
                receiver=receiver,
                kind=REFERRAL_TRANSFERS[referral][0],
                actor=actor,
                has_consent=has_consent,
                consent_note=consent_note,
                note=note.strip() or str(Referral(referral).label),
                payload={"referral": referral},
            )
        MediationFile.objects.filter(case=case).update(referral=referral)
        record_event(
            case,
            kind="referred",
            actor=actor,
            is_public=True,
            text=_("已引导当事人：%(route)s。%(note)s") % {"route": route, "note": note.strip()},
            payload={"referral": referral, "to": receiver.code if receiver else None},
        )
        return case


def upload_signed_copy(*, case: Case, actor, upload) -> Agreement:
    """The agreement as the parties signed it (scanned or photographed)."""
    VERBS.check("signed_copy", actor, case)
    agreement = Agreement.objects.filter(case=case).first()
    if agreement is None:
        raise MediationRefused(_("本案没有调解协议，不能上传签字协议书。"))
    from .documents import store_signed_copy

    store_signed_copy(agreement=agreement, upload=upload, actor=actor)
    return agreement
