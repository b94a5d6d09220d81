"""The verbs of a hand-off: create (outbox), deliver, sign for, accept, reject, remind and
escalate. Each writes its timeline event in its transaction. The push to the receiver's own
system is in ``transfers.push``."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation
from accounts.verbs import ActionRefused
from cases.record import recorded
from cases.services import record_event, record_events
from notifications.services import (
    OrganisationMessage,
    notify_organisation,
    notify_organisations,
)
from zhanjiang_portal.queueing import queue_once_after_commit

from .calendar import working_days_ago
from .models import (
    LAW_REQUIRED_KINDS,
    ExternalEndpoint,
    ExternalStatus,
    RefusalReason,
    Transfer,
    TransferKind,
    TransferStatus,
)
from .signals import transfer_answered
from .verbs import VERBS

log = logging.getLogger(__name__)


class TransferRefused(ActionRefused):
    """A hand-off or an answer that is not allowed here and now; the message says why."""


def create_transfer(
    *,
    case,
    from_organisation: Organisation,
    to_organisation: Organisation,
    kind: str,
    actor=None,
    has_consent: bool = False,
    consent_note: str = "",
    note: str = "",
    payload: dict | None = None,
    idempotency_key: str | None = None,
) -> Transfer:
    """Write the hand-off in the caller's transaction (the outbox) and queue its delivery
    for after the commit; the sweep delivers it if that message is lost."""
    if kind not in LAW_REQUIRED_KINDS and not has_consent:
        raise TransferRefused(_("当事人未同意向接收机构提供其信息，不能移送。"))
    now = timezone.now()
    has_endpoint = ExternalEndpoint.objects.filter(
        organisation=to_organisation, is_active=True
    ).exists()
    # Inside a caller's transaction no savepoint: nothing here is caught and carried on from.
    with transaction.atomic(savepoint=False):
        transfer = Transfer.objects.create(
            case=case,
            from_organisation=from_organisation,
            to_organisation=to_organisation,
            kind=kind,
            note=note[:500],
            payload=payload or {},
            has_consent=has_consent,
            consent_note=consent_note[:200],
            created_at=now,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            external_status=ExternalStatus.PENDING if has_endpoint else ExternalStatus.NONE,
            next_attempt_at=now if has_endpoint else None,
            **({"idempotency_key": idempotency_key} if idempotency_key else {}),
        )
        record_event(
            case,
            kind="transfer_created",
            actor=actor,
            text=recorded(
                "%(from)s向%(to)s发起%(kind)s。",
                **{"from": from_organisation.name},
                to=to_organisation.name,
                kind=TransferKind(kind).label,
            ),
            payload={"transfer": transfer.pk, "kind": kind, "consent": has_consent},
        )
        queue_delivery(transfer.pk)
    return transfer


def queue_delivery(transfer_id: int) -> None:
    """See that the saved transfer is delivered once this transaction commits: by the run of
    the delivery task already queued, or by a new one TRANSFER_DELIVERY_GATHER_SECONDS
    later. A burst of hand-offs (a court pushing hundreds of cases) is delivered in a run
    per gathering time, not a task each; when the broker is down the sweep delivers it
    later."""
    from .tasks import deliver_pending_task

    queue_once_after_commit(deliver_pending_task, gather=settings.TRANSFER_DELIVERY_GATHER_SECONDS)


def deliver_transfer(transfer_id: int) -> bool:
    """Put one transfer in its receiver's inbox, exactly once (see deliver_transfers)."""
    return bool(deliver_transfers([transfer_id]))


def deliver_transfers(ids: list[int]) -> list[Transfer]:
    """Put the transfers in their receivers' inboxes, exactly once each; return those this
    call delivered.

    The claim (the pending ones among ``ids``, locked, then marked delivered), the
    notifications and the timeline entries commit together: a crash before the commit
    leaves them pending for the sweep, and a second run finds nothing to claim. The same
    five statements for one transfer or a batch of hundreds.
    """
    with transaction.atomic():
        transfers = list(
            Transfer.objects.select_for_update(of=("self",))
            .select_related("case", "from_organisation", "to_organisation")
            .filter(pk__in=ids, status=TransferStatus.PENDING)
            .order_by("pk")
        )
        if not transfers:
            return []
        now = timezone.now()
        Transfer.objects.filter(pk__in=[t.pk for t in transfers]).update(
            status=TransferStatus.DELIVERED, delivered_at=now, attempts=F("attempts") + 1
        )
        inbox = reverse("transfers:inbox")
        notify_organisations(
            [
                OrganisationMessage(
                    organisation_id=t.to_organisation_id,
                    kind="transfer",
                    title=_("收到%(from)s的%(kind)s：%(case)s")
                    % {
                        "from": t.from_organisation.name,
                        "kind": t.get_kind_display(),
                        "case": t.case.number,
                    },
                    body=t.note,
                    link_url=inbox,
                )
                for t in transfers
            ]
        )
        record_events(
            (
                t.case,
                {
                    "kind": "transfer_delivered",
                    "text": recorded("已送达%(to)s，等待签收。", to=t.to_organisation.name),
                    "payload": {"transfer": t.pk},
                },
            )
            for t in transfers
        )
    for t in transfers:
        t.status, t.delivered_at, t.attempts = TransferStatus.DELIVERED, now, t.attempts + 1
    return transfers


def deliver_pending(*, older_than: float = 0, batch: int | None = None) -> tuple[int, list[int]]:
    """Deliver every transfer still pending (created at least ``older_than`` seconds ago),
    oldest first, a batch per transaction; return how many were delivered and the ids whose
    push to an external system is now due.

    Rows are claimed with SELECT ... FOR UPDATE SKIP LOCKED, so several runs share the work
    without waiting on each other or delivering twice; each batch is delivered at once. One
    broken row does not hold up the rest: the batch is then delivered one by one, each in
    its savepoint, and the broken one stays pending, is logged for the administrator and is
    not tried again in this run.
    """
    batch = batch or settings.TRANSFER_SWEEP_BATCH
    cutoff = timezone.now() - dt.timedelta(seconds=older_than)
    failed: set[int] = set()
    external: list[int] = []
    count = 0
    while True:
        with transaction.atomic():
            rows = list(
                Transfer.objects.select_for_update(skip_locked=True)
                .filter(status=TransferStatus.PENDING, created_at__lte=cutoff)
                .exclude(pk__in=failed)
                .order_by("created_at")
                .values_list("pk", flat=True)[:batch]
            )
            try:
                delivered = deliver_transfers(rows)
            except Exception:
                # One broken row must not hold up the rest: one by one, each in its savepoint.
                delivered = []
                for transfer_id in rows:
                    try:
                        delivered += deliver_transfers([transfer_id])
                    except Exception:
                        log.exception("transfer %s could not be delivered", transfer_id)
                        failed.add(transfer_id)
        count += len(delivered)
        external += [t.pk for t in delivered if t.external_status == ExternalStatus.PENDING]
        if len(rows) < batch:
            return count, external


def sweep_transfers(batch: int | None = None) -> tuple[int, list[int]]:
    """Deliver what is still pending after a while (the broker was down, a worker died) and
    return how many, with the ids whose external push is due."""
    batch = batch or settings.TRANSFER_SWEEP_BATCH
    delivered, _pushes = deliver_pending(
        older_than=settings.TRANSFER_SWEEP_AFTER_SECONDS, batch=batch
    )
    due = list(
        Transfer.objects.filter(
            external_status=ExternalStatus.PENDING, next_attempt_at__lte=timezone.now()
        )
        .exclude(status=TransferStatus.PENDING)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:batch]
    )
    return delivered, due


def sign_for(transfer: Transfer, *, actor) -> Transfer:
    """签收: the receiver has seen it; the answer may come later."""
    VERBS.check("sign_for", actor, transfer)
    with transaction.atomic():
        now = timezone.now()
        done = Transfer.objects.filter(
            pk=transfer.pk, status=TransferStatus.DELIVERED, signed_for_at__isnull=True
        ).update(signed_for_at=now, signed_for_by=actor)
        if not done:
            raise TransferRefused(_("该移送已签收或已处理。"))
        record_event(
            transfer.case,
            kind="transfer_signed_for",
            actor=actor,
            text=recorded("%(to)s已签收。", to=transfer.to_organisation.name),
            payload={"transfer": transfer.pk},
        )
    transfer.refresh_from_db()
    return transfer


def accept_transfer(transfer: Transfer, *, actor, note: str = "") -> Transfer:
    VERBS.check("accept", actor, transfer)
    return accept_by_work(transfer, actor=actor, note=note)


def accept_by_work(transfer: Transfer, *, actor, note: str = "") -> Transfer:
    """Accepting as part of the work that takes the hand-off on (the bureau's dispatch of a
    court's delegation): the caller has checked its own verb."""
    return _answer(transfer, actor=actor, status=TransferStatus.ACCEPTED, note=note)


def reject_transfer(transfer: Transfer, *, actor, reason_code: str, text: str) -> Transfer:
    """Refuse with a coded reason and text; the case goes back to the sender's queue."""
    VERBS.check("reject", actor, transfer)
    reason = RefusalReason.objects.filter(code=reason_code, is_active=True).first()
    if reason is None:
        raise ValidationError({"reason": _("请选择退回理由。")})
    if not text.strip():
        raise ValidationError({"text": _("请写明退回的具体原因。")})
    transfer = _answer(
        transfer,
        actor=actor,
        status=TransferStatus.REJECTED,
        note=text,
        refusal_reason=reason,
        refusal_text=text.strip()[:500],
    )
    return transfer


def _answer(transfer: Transfer, *, actor, status: str, note: str = "", **fields) -> Transfer:
    with transaction.atomic():
        now = timezone.now()
        done = Transfer.objects.filter(pk=transfer.pk, status=TransferStatus.DELIVERED).update(
            status=status,
            answered_at=now,
            answered_by=actor,
            # Answering signs for it too, unless someone signed for it already.
            signed_for_at=Coalesce(F("signed_for_at"), Value(now)),
            signed_for_by_id=Coalesce(F("signed_for_by_id"), Value(actor.pk)),
            **fields,
        )
        if not done:
            raise TransferRefused(_("该移送已被处理，或尚未送达。请刷新页面。"))
        transfer.refresh_from_db()
        _record_answer(transfer, actor=actor, note=note)
        transfer_answered.send(sender=Transfer, transfer=transfer, actor=actor)
    return transfer


def _record_answer(transfer: Transfer, *, actor, note: str) -> None:
    if transfer.status == TransferStatus.REJECTED:
        text = recorded(
            "%(to)s退回：%(reason)s。%(text)s",
            to=transfer.to_organisation.name,
            reason=transfer.refusal_reason.name,
            text=transfer.refusal_text,
        )
        notify_organisation(
            transfer.from_organisation,
            kind="transfer_rejected",
            title=_("%(case)s被%(to)s退回：%(reason)s")
            % {
                "case": transfer.case.number,
                "to": transfer.to_organisation.name,
                "reason": transfer.refusal_reason.name,
            },
            body=transfer.refusal_text,
            link_url=reverse("transfers:inbox"),
        )
    else:
        text = recorded("%(to)s已接收。%(note)s", to=transfer.to_organisation.name, note=note)
    record_event(
        transfer.case,
        kind=f"transfer_{transfer.status}",
        actor=actor,
        text=text,
        payload={
            "transfer": transfer.pk,
            "reason": transfer.refusal_reason.code if transfer.refusal_reason else "",
        },
    )


@dataclass(frozen=True)
class Reminder:
    """One step of the clocks on an unanswered transfer: which transfers are due (given the
    working-days cutoff), the timestamp that claims the step, whom to tell and what, and the
    timeline entry it leaves."""

    stamp: str
    due: Callable[[dt.datetime], dict[str, Any]]
    related: tuple[str, ...]
    whom: Callable[[Transfer], Organisation]
    notification: str
    title: Callable[[Transfer, Organisation], str]
    event: str
    text: Callable[[Transfer, Organisation], str]
    claim_also: dict[str, Any] = field(default_factory=dict)
    payload: Callable[[Transfer, Organisation], dict[str, Any]] = lambda transfer, whom: (
        {"transfer": transfer.pk}
    )
    escalates: bool = False


REMINDERS: tuple[Reminder, ...] = (
    # The first clock (签收): the receiver has not even opened it.
    Reminder(
        stamp="sign_for_reminded_at",
        due=lambda cutoff: {
            "signed_for_at__isnull": True,
            "sign_for_reminded_at__isnull": True,
            "delivered_at__lt": timezone.now()
            - dt.timedelta(hours=settings.TRANSFER_SIGN_FOR_HOURS),
        },
        related=("case", "to_organisation"),
        claim_also={"signed_for_at__isnull": True},
        whom=lambda transfer: transfer.to_organisation,
        notification="transfer_sign_for_reminder",
        title=lambda transfer, whom: (
            _("请签收：%(case)s的%(kind)s")
            % {"case": transfer.case.number, "kind": transfer.get_kind_display()}
        ),
        event="transfer_sign_for_reminded",
        text=lambda transfer, whom: recorded(
            "%(to)s超时未签收，已提醒。", to=transfer.to_organisation.name
        ),
    ),
    # The answer clock (催办): delivered and silent for the working days.
    Reminder(
        stamp="reminded_at",
        due=lambda cutoff: {"reminded_at__isnull": True, "delivered_at__lt": cutoff},
        related=("case", "to_organisation"),
        whom=lambda transfer: transfer.to_organisation,
        notification="transfer_reminder",
        title=lambda transfer, whom: (
            _("催办：%(case)s的%(kind)s尚未处理")
            % {"case": transfer.case.number, "kind": transfer.get_kind_display()}
        ),
        event="transfer_reminded",
        text=lambda transfer, whom: recorded(
            "%(to)s逾期未处理，已催办。", to=transfer.to_organisation.name
        ),
    ),
    # Still silent as long again after the reminder (督办): the supervisor is told.
    Reminder(
        stamp="escalated_at",
        due=lambda cutoff: {"escalated_at__isnull": True, "reminded_at__lt": cutoff},
        related=("case", "to_organisation__parent", "from_organisation"),
        whom=lambda transfer: transfer.to_organisation.parent or transfer.from_organisation,
        notification="transfer_escalated",
        title=lambda transfer, whom: (
            _("督办：%(to)s逾期未处理%(case)s")
            % {"to": transfer.to_organisation.name, "case": transfer.case.number}
        ),
        event="transfer_escalated",
        text=lambda transfer, whom: recorded("催办后仍未处理，已报%(sup)s督办。", sup=whom.name),
        payload=lambda transfer, whom: {"transfer": transfer.pk, "supervisor": whom.pk},
        escalates=True,
    ),
)


def remind_unanswered(today: dt.date | None = None) -> tuple[int, int]:
    """Remind receivers that have not signed for a transfer within the sign-for hours;
    remind those silent for the configured working days, then escalate to the receiver's
    supervising organisation after as many again. Each step happens once: it is claimed by
    a conditional update of its timestamp."""
    today = today or timezone.localdate()
    days = settings.TRANSFER_ANSWER_WORKING_DAYS
    cutoff = _start_of_day_after(working_days_ago(today, days))
    reminded = escalated = 0
    for reminder in REMINDERS:
        for transfer in Transfer.objects.filter(
            status=TransferStatus.DELIVERED, **reminder.due(cutoff)
        ).select_related(*reminder.related)[:500]:
            sent = _send_reminder(reminder, transfer)
            if reminder.escalates:
                escalated += sent
            else:
                reminded += sent
    return reminded, escalated


def _start_of_day_after(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()))


def _send_reminder(reminder: Reminder, transfer: Transfer) -> int:
    """Claim the step by setting its timestamp, then tell and record; 0 when it was done."""
    whom = reminder.whom(transfer)
    with transaction.atomic():
        if not Transfer.objects.filter(
            pk=transfer.pk, **{f"{reminder.stamp}__isnull": True}, **reminder.claim_also
        ).update(**{reminder.stamp: timezone.now()}):
            return 0
        notify_organisation(
            whom,
            kind=reminder.notification,
            title=reminder.title(transfer, whom),
            link_url=reverse("transfers:inbox"),
        )
        record_event(
            transfer.case,
            kind=reminder.event,
            text=reminder.text(transfer, whom),
            payload=reminder.payload(transfer, whom),
        )
    return 1
