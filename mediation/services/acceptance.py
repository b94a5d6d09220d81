"""Who takes a case and whether it is taken: assignment to the fairest eligible mediator of
the organisation, a party's request for a named mediator, the supervisor's reassignment,
and the mediator's acceptance, stepping back (declining) or refusal to accept."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation
from cases.models import Case, CaseStatus
from cases.record import RecordText, recorded
from cases.services import ConcurrentChange, record_event
from deadlines.services import start_deadline
from notifications.services import notify_staff

from .. import assignment, loads
from ..models import MediationFile, Outcome, Recusal
from ..verbs import VERBS
from ._common import DEADLINE_KIND, MediationRefused, _file, _finish, _move, _name

# Assignment --------------------------------------------------------------------------------


def _pick(case: Case, organisation: Organisation, requested_id: int | None):
    """The mediator assignment chooses in ``organisation``, or None."""
    # One assignment at a time per organisation, so the loads compared are current.
    list(Organisation.objects.select_for_update().filter(pk=organisation.pk).values_list("pk"))
    candidates = assignment.eligible(case, assignment.roster(organisation))
    chosen = assignment.choose(case, candidates, requested_id)
    return get_user_model().objects.get(pk=chosen.user_id) if chosen else None


def _assignment_text(mediator, organisation: Organisation) -> RecordText:
    if mediator is None:
        return recorded("%(org)s将尽快安排调解员。", org=organisation.name)
    return recorded("由调解员%(name)s承办。", name=_name(mediator))


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


def _give_to(case: Case, mediator, actor, *, kind: str, reason: RecordText | str) -> Case:
    verb = "assign" if kind == "assigned" else "reassign"
    previous = case.assignee_id
    case = _move(
        case,
        verb,
        to=case.status,
        actor=actor,
        kind=kind,
        text=_assignment_text(mediator, case.organisation) + reason,
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
            text=recorded("当事人选择调解员%(name)s。", name=_name(mediator)),
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
            case,
            mediator,
            actor,
            kind="reassigned",
            reason=recorded("改派理由：%s", reason.strip()),
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
                text=recorded(
                    "%(org)s已受理，调解员%(name)s承办。",
                    org=case.organisation.name,
                    name=_name(actor),
                ),
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
            text=recorded("调解员%(name)s不能承办：%(reason)s", name=_name(actor), reason=reason),
            is_public=False,
            assignee=None,
        )
        loads.shift(actor.pk, None)
        return _assign(case, actor)


def not_accept(*, case: Case, actor, reason: str) -> Case:
    """Terminal: a party refuses mediation, or the matter is outside scope."""
    VERBS.check("not_accept", actor, case)
    if not reason.strip():
        raise ValidationError({"reason": _("请填写不予受理的理由。")})
    text = recorded("不予受理：%s", reason.strip())
    return _finish(
        case,
        "not_accept",
        CaseStatus.NOT_ACCEPTED,
        Outcome.NOT_ACCEPTED,
        actor,
        text,
        payload={"reason": reason.strip()},
    )
