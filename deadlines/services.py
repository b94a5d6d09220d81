"""Starting, meeting, pausing, resuming and extending clocks. Other apps call these; they
never write Deadline rows. Each verb is one transaction and writes its timeline entry."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Min, OuterRef, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.access import may_act
from accounts.models import Role
from accounts.verbs import ActionRefused
from cases.models import Case
from cases.record import recorded
from cases.services import record_event

from . import calendar
from .models import (
    Deadline,
    DeadlineExtension,
    DeadlinePause,
    DeadlineRule,
    DeadlineUnit,
)
from .schedule import compute_due, end_of_day, stages_between
from .verbs import VERBS

APPROVER_ROLES = {Role.CENTRE_SUPERVISOR, Role.ADMINISTRATOR}


class DeadlineRefused(ActionRefused):
    """A refused change; the message is Chinese and says what is allowed."""


def due_from(rule: DeadlineRule, starts_at: dt.datetime) -> dt.datetime:
    return compute_due(rule, starts_at).at


def next_reminder(rule: DeadlineRule, due_at: dt.datetime, after: dt.datetime) -> dt.datetime:
    _passed, following = stages_between(rule, due_at, after, after)
    return following.at


def _day(value: dt.datetime) -> str:
    return date_format(timezone.localtime(value), "Y年n月j日")


def refresh_next_due(case_or_id) -> None:
    """Recompute the case's next_due_at (the earliest due time of its open, unpaused clocks)
    from the deadlines table. Every verb below calls it inside its own transaction. The case
    row is locked by a statement of its own first: the UPDATE after it then reads the clocks
    with a fresh snapshot, so a verb that waited for another on the same case sees the other's
    committed clocks instead of writing a stale value."""
    case_id = getattr(case_or_id, "pk", case_or_id)
    list(Case.objects.select_for_update().filter(pk=case_id).values_list("pk", flat=True))
    first_due = (
        Deadline.objects.filter(case_id=OuterRef("pk"), met_at=None, paused_at=None)
        .order_by()
        .values("case_id")
        .annotate(first=Min("due_at"))
        .values("first")
    )
    Case.objects.filter(pk=case_id).update(next_due_at=Subquery(first_due))


def start_deadline(
    *,
    case,
    kind: str,
    starts_at: dt.datetime | None = None,
    actor=None,
    subject=None,
    organisation=None,
) -> Deadline:
    """Start the clock ``kind`` (a DeadlineRule code) on a case. ``organisation``: whose clock
    it is, when not the handling organisation's (see ``responsibility``)."""
    rule = DeadlineRule.objects.get(code=kind)
    starts_at = starts_at or timezone.now()
    due = compute_due(rule, starts_at)
    # Inside a caller's transaction no savepoint: nothing here is caught and carried on from.
    with transaction.atomic(savepoint=False):
        deadline = Deadline.objects.create(
            case=case,
            kind=kind,
            rule=rule,
            starts_at=starts_at,
            due_at=due.at,
            original_due_at=due.at,
            due_is_date=due.is_date,
            calendar_provisional=due.provisional,
            reminded_through=starts_at,
            next_reminder_at=next_reminder(rule, due.at, starts_at),
            **_subject(subject),
            organisation=organisation,
        )
        record_event(
            case,
            kind="deadline_started",
            actor=actor,
            text=recorded(
                "开始计算期限：%(rule)s，%(due)s届满。",
                rule=rule.name,
                due=timezone.localdate(due.at),
            ),
            payload={"deadline": deadline.pk, "due_at": due.at.isoformat()},
        )
        refresh_next_due(case)
    return deadline


def _subject(subject) -> dict:
    if subject is None:
        return {}
    from django.contrib.contenttypes.models import ContentType

    return {"subject_type": ContentType.objects.get_for_model(subject), "subject_id": subject.pk}


def meet_deadlines(*, case, kind: str, actor=None) -> int:
    """Mark the case's open clocks of this kind as met; returns how many."""
    now = timezone.now()
    with transaction.atomic():
        met = (
            Deadline.objects.open()
            .filter(case=case, kind=kind)
            .update(met_at=now, next_reminder_at=None, paused_at=None)
        )
        if met:
            DeadlinePause.objects.filter(
                deadline__case=case, deadline__kind=kind, resumed_at=None
            ).update(resumed_at=now)
            rule = DeadlineRule.objects.filter(code=kind).first()
            record_event(
                case,
                kind="deadline_met",
                actor=actor,
                text=recorded("期限已完成：%(rule)s。", rule=rule.name if rule else kind),
                payload={"kind": kind},
            )
            refresh_next_due(case)
    return met


def pause_deadline(deadline: Deadline, *, reason: str, actor=None) -> Deadline:
    """Stop the clock (e.g. while a party supplies materials); reminders stop with it."""
    VERBS.check("pause", actor, deadline)
    reason = (reason or "").strip()
    if not reason:
        raise DeadlineRefused(_("请填写暂停原因。"))
    now = timezone.now()
    with transaction.atomic():
        paused = Deadline.objects.filter(pk=deadline.pk, met_at=None, paused_at=None).update(
            paused_at=now, next_reminder_at=None
        )
        if paused != 1:
            raise DeadlineRefused(_refusal(deadline, _("暂停")))
        DeadlinePause.objects.create(
            deadline=deadline, paused_at=now, reason=reason[:200], paused_by=_user(actor)
        )
        record_event(
            deadline.case,
            kind="deadline_paused",
            actor=actor,
            text=recorded(
                "期限暂停：%(rule)s（%(reason)s）。", rule=deadline.rule.name, reason=reason
            ),
            payload={"deadline": deadline.pk},
        )
        refresh_next_due(deadline.case_id)
    deadline.refresh_from_db()
    return deadline


def resume_deadline(deadline: Deadline, *, actor=None) -> Deadline:
    """Start the clock again; the due date moves on by the time it stood still."""
    VERBS.check("resume", actor, deadline)
    now = timezone.now()
    with transaction.atomic():
        current = Deadline.objects.select_for_update().select_related("rule").get(pk=deadline.pk)
        if current.met_at is not None or current.paused_at is None:
            raise DeadlineRefused(_refusal(current, _("恢复")))
        new_due = _shift_due(current, current.paused_at, now)
        Deadline.objects.filter(pk=current.pk).update(
            paused_at=None,
            due_at=new_due,
            reminded_through=now,
            next_reminder_at=next_reminder(current.rule, new_due, now),
        )
        DeadlinePause.objects.filter(deadline=current, resumed_at=None).update(
            resumed_at=now, resumed_by=_user(actor)
        )
        record_event(
            current.case,
            kind="deadline_resumed",
            actor=actor,
            text=recorded(
                "期限恢复计算：%(rule)s，届满日调整为%(due)s。",
                rule=current.rule.name,
                due=timezone.localdate(new_due),
            ),
            payload={"deadline": current.pk, "due_at": new_due.isoformat()},
        )
        refresh_next_due(deadline.case_id)
    deadline.refresh_from_db()
    return deadline


def _shift_due(deadline: Deadline, paused_at: dt.datetime, resumed_at: dt.datetime):
    """A working-day clock moves on by the working days it stood still; any other by the
    time itself (whole days for day-counted clocks, so it still ends at a day's end)."""
    if not deadline.due_is_date:
        return deadline.due_at + (resumed_at - paused_at)
    first = timezone.localtime(paused_at).date()
    last = timezone.localtime(resumed_at).date()
    due = deadline.due_date
    if deadline.rule.unit == DeadlineUnit.WORKING_DAYS:
        return end_of_day(
            calendar.add_working_days(due, calendar.working_days_between(first, last))
        )
    return end_of_day(due + (last - first))


def extend_deadline(
    deadline: Deadline, *, new_due_date: dt.date, reason: str, approved_by, actor=None
) -> DeadlineExtension:
    """Move the due date later, with a reason and a supervisor's approval, within the rule's
    cap on extensions."""
    VERBS.check("extend", actor, deadline)
    return apply_extension(
        deadline, new_due_date=new_due_date, reason=reason, approved_by=approved_by, actor=actor
    )


def apply_extension(
    deadline: Deadline, *, new_due_date: dt.date, reason: str, approved_by, actor=None
) -> DeadlineExtension:
    """The extension itself, for a caller that has checked its own verb (the court extends
    its pre-litigation clock as the court's verb)."""
    reason = (reason or "").strip()
    with transaction.atomic():
        current = (
            Deadline.objects.select_for_update().select_related("rule", "case").get(pk=deadline.pk)
        )
        _check_extension(current, new_due_date, reason, approved_by)
        new_due = end_of_day(new_due_date)
        now = timezone.now()
        Deadline.objects.filter(pk=current.pk).update(
            due_at=new_due,
            missed_at=None,
            calendar_provisional=not calendar.is_known(new_due_date),
            reminded_through=now,
            next_reminder_at=None
            if current.paused_at
            else next_reminder(current.rule, new_due, now),
        )
        extension = DeadlineExtension.objects.create(
            deadline=current,
            previous_due_at=current.due_at,
            new_due_at=new_due,
            reason=reason[:300],
            approved_by=approved_by,
            recorded_by=_user(actor),
        )
        record_event(
            current.case,
            kind="deadline_extended",
            actor=actor,
            text=recorded(
                "期限延长：%(rule)s由%(old)s延长至%(new)s，经%(approver)s批准（%(reason)s）。",
                rule=current.rule.name,
                old=timezone.localdate(current.due_at),
                new=timezone.localdate(new_due),
                approver=approved_by.get_full_name() or approved_by.get_username(),
                reason=reason,
            ),
            payload={"deadline": current.pk, "extension": extension.pk},
        )
        refresh_next_due(deadline.case_id)
    deadline.refresh_from_db()
    return extension


def latest_extension_date(deadline: Deadline) -> dt.date | None:
    rule = deadline.rule
    if not rule.max_extension:
        return None
    original_at = timezone.localtime(deadline.original_due_at or deadline.due_at)
    if rule.unit == DeadlineUnit.HOURS:
        return (original_at + dt.timedelta(hours=rule.max_extension)).date()
    original = original_at.date()
    if rule.unit == DeadlineUnit.WORKING_DAYS:
        return calendar.add_working_days(original, rule.max_extension)
    if rule.unit == DeadlineUnit.MONTHS:
        from dateutil.relativedelta import relativedelta

        return original + relativedelta(months=rule.max_extension)
    return original + dt.timedelta(days=rule.max_extension)


def _check_extension(deadline: Deadline, new_due_date, reason: str, approved_by) -> None:
    if deadline.met_at is not None:
        raise DeadlineRefused(_("该期限已完成，不能延长。"))
    if approved_by is None or not getattr(approved_by, "is_authenticated", False):
        raise DeadlineRefused(_("延长期限须经负责人批准，请选择批准人。"))
    if not may_act(approved_by, deadline.case.organisation_id, APPROVER_ROLES):
        raise DeadlineRefused(_("批准人须为本案承办机构的中心负责人或系统管理员。"))
    if not reason:
        raise DeadlineRefused(_("请填写延长理由。"))
    if new_due_date is None or new_due_date <= deadline.due_date:
        raise DeadlineRefused(
            _("延长后的届满日须晚于当前届满日（%(due)s）。") % {"due": _day(deadline.due_at)}
        )
    latest = latest_extension_date(deadline)
    if latest is None:
        raise DeadlineRefused(_("“%(rule)s”依规定不能延长。") % {"rule": deadline.rule.name})
    if new_due_date > latest:
        raise DeadlineRefused(
            _("“%(rule)s”最多只能延长至%(latest)s。")
            % {"rule": deadline.rule.name, "latest": date_format(latest, _("Y年n月j日"))}
        )


def _refusal(deadline: Deadline, verb: str) -> str:
    current = Deadline.objects.get(pk=deadline.pk)
    if current.met_at is not None:
        return _("该期限已完成，不能%(verb)s。") % {"verb": verb}
    if current.paused_at is not None:
        return _("该期限已经暂停，请先恢复。")
    return _("该期限没有暂停，无需恢复。")


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None
