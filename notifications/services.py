"""Telling people things. Other apps call these functions; they never write Notification
or OutboundMessage rows themselves."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import Membership, Organisation
from zhanjiang_portal.queueing import queue_after_commit

from .backends import backend_for
from .messages import render
from .models import Channel, MessageStatus, Notification, OutboundMessage
from .recipients import supervisors_of_user

log = logging.getLogger(__name__)


def notify_staff(
    users: Iterable,
    *,
    kind: str,
    title: str,
    body: str = "",
    link_url: str = "",
    email: bool = False,
) -> list[Notification]:
    """Put a message in each user's in-app inbox (and, if asked, e-mail those with an
    address)."""
    unique = {u.pk: u for u in users}.values()
    rows = [
        Notification(recipient=user, kind=kind, title=title[:200], body=body, link_url=link_url)
        for user in unique
    ]
    created = Notification.objects.bulk_create(rows)
    if email:
        for user in unique:
            if user.email:
                send_email(to=user.email, kind=kind, subject=title, body=body, link_url=link_url)
    return created


def notify_organisation(
    organisation: Organisation,
    *,
    kind: str,
    title: str,
    body: str = "",
    link_url: str = "",
    roles: Iterable[str] | None = None,
) -> list[Notification]:
    """Tell the active staff of one organisation (optionally only some roles)."""
    members = Membership.objects.active().filter(organisation=organisation)
    if roles is not None:
        members = members.filter(role__in=list(roles))
    users = get_user_model().objects.filter(pk__in=members.values("user_id"), is_active=True)
    return notify_staff(users, kind=kind, title=title, body=body, link_url=link_url)


@dataclass(frozen=True)
class OrganisationMessage:
    organisation_id: int
    kind: str
    title: str
    body: str = ""
    link_url: str = ""


def notify_organisations(messages: list[OrganisationMessage]) -> list[Notification]:
    """Tell the active staff of several organisations, each organisation its own messages,
    with one query for all their staff and one insert (a batch of deliveries)."""
    staff: dict[int, set[int]] = {}
    for organisation_id, user_id in (
        Membership.objects.active()
        .filter(organisation_id__in={m.organisation_id for m in messages}, user__is_active=True)
        .values_list("organisation_id", "user_id")
    ):
        staff.setdefault(organisation_id, set()).add(user_id)
    return Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=user_id,
                kind=m.kind,
                title=m.title[:200],
                body=m.body,
                link_url=m.link_url,
            )
            for m in messages
            for user_id in sorted(staff.get(m.organisation_id, ()))
        ]
    )


@dataclass(frozen=True)
class InboxItem:
    recipient_id: int
    kind: str
    title: str
    body: str
    link_url: str
    dedupe_key: str


def notify_once(items: list[InboxItem]) -> None:
    """Insert many inbox entries; one whose key already exists is dropped, so a job that
    runs again delivers nothing twice. ``INSERT ... ON CONFLICT DO NOTHING`` in chunks of a
    thousand rows, written out because a sweep inserts tens of thousands and building a
    model object for each costs more than the insert itself."""
    table = Notification._meta.db_table
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    for start in range(0, len(items), 1000):
        chunk = items[start : start + 1000]
        params: list = []
        for i in chunk:
            params += [i.recipient_id, i.kind, i.title[:200], i.body, i.link_url, i.dedupe_key, now]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (recipient_id, kind, title, body, link_url, dedupe_key, "
                f"created_at) VALUES {', '.join(['(%s, %s, %s, %s, %s, %s, %s)'] * len(chunk))} "
                "ON CONFLICT DO NOTHING",
                params,
            )


def mark_read(user, notification_ids: Iterable[int] | None = None) -> int:
    unread = Notification.objects.for_user(user).unread()
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=timezone.now())


def send_sms(
    *, to: str, kind: str, body: str, sent_by=None, link_url: str = "", dedupe_key=None
) -> OutboundMessage:
    return _queue(
        Channel.SMS,
        to=to,
        kind=kind,
        body=body,
        sent_by=sent_by,
        link_url=link_url,
        dedupe_key=dedupe_key,
    )


def send_email(
    *, to: str, kind: str, subject: str, body: str, sent_by=None, link_url: str = ""
) -> OutboundMessage:
    return _queue(
        Channel.EMAIL,
        to=to,
        kind=kind,
        subject=subject[:200],
        body=body,
        sent_by=sent_by,
        link_url=link_url,
    )


def _queue(channel: str, **fields) -> OutboundMessage:
    from .tasks import send_message

    sent_by = fields.pop("sent_by")
    message = OutboundMessage.objects.create(
        channel=channel,
        sent_by=sent_by if getattr(sent_by, "is_authenticated", False) else None,
        **fields,
    )
    queue_after_commit(send_message, message.pk)
    return message


def deliver(message_id: int) -> str:
    """Hand one message to its backend. Claimed first by a conditional update, so two tasks
    for the same message never both send it. At-least-once: a worker killed between the
    provider accepting the message and our update leaves it 发送中, and ``requeue_stuck``
    sends it again later (a rare duplicate SMS beats a lost one)."""
    now = timezone.now()
    claimed = OutboundMessage.objects.filter(pk=message_id, status=MessageStatus.PENDING).update(
        status=MessageStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    if claimed != 1:
        return "skipped"
    message = OutboundMessage.objects.get(pk=message_id)
    try:
        reference = backend_for(message.channel).send(message)
    except Exception as exc:  # any provider fault: record it and retry, never lose the message
        return _failed_attempt(message, exc)
    OutboundMessage.objects.filter(pk=message_id).update(
        status=MessageStatus.SENT, sent_at=timezone.now(), provider_ref=str(reference)[:100]
    )
    return "sent"


def retry_delay(attempts: int) -> int:
    """Backoff: base, 4×base, 16×base, ... capped at 30 minutes, well inside the broker's
    one-hour visibility timeout (a longer ETA would be redelivered again and again)."""
    return min(settings.NOTIFICATIONS_RETRY_BASE_SECONDS * 4 ** (attempts - 1), 1800)


def _failed_attempt(message: OutboundMessage, exc: Exception) -> str:
    from .tasks import send_message

    error = f"{type(exc).__name__}: {exc}"[:500]
    log.warning("sending message %s failed (attempt %s): %s", message.pk, message.attempts, error)
    final = message.attempts >= settings.NOTIFICATIONS_SEND_MAX_ATTEMPTS
    with transaction.atomic():
        OutboundMessage.objects.filter(pk=message.pk, status=MessageStatus.SENDING).update(
            status=MessageStatus.FAILED if final else MessageStatus.PENDING, last_error=error
        )
        if final:
            _tell_supervisor(message, error)
            return "failed"
    queue_after_commit(send_message, message.pk, countdown=retry_delay(message.attempts))
    return "retrying"


def _tell_supervisor(message: OutboundMessage, error: str) -> None:
    if message.sent_by is None:
        return
    title, body = render(
        "send_failed",
        to=message.to,
        sender=message.sent_by.get_full_name() or message.sent_by.get_username(),
        channel=message.get_channel_display(),
        attempts=message.attempts,
        error=error,
        body=message.body,
    )
    users = get_user_model().objects.filter(pk__in=supervisors_of_user(message.sent_by))
    notify_staff(users, kind="send_failed", title=title, body=body, link_url=message.link_url)


def requeue_stuck(now: dt.datetime | None = None) -> int:
    """Give messages a worker dropped (killed mid-send, or a task lost with the broker)
    back to the queue."""
    from .tasks import send_message

    now = now or timezone.now()
    stuck = list(
        OutboundMessage.objects.stuck(now - dt.timedelta(minutes=10)).values_list("pk", flat=True)
    )
    OutboundMessage.objects.filter(pk__in=stuck, status=MessageStatus.SENDING).update(
        status=MessageStatus.PENDING
    )
    forgotten = OutboundMessage.objects.filter(
        status=MessageStatus.PENDING, created_at__lt=now - dt.timedelta(minutes=45)
    ).exclude(claimed_at__gte=now - dt.timedelta(minutes=45))
    ids = stuck + list(forgotten.values_list("pk", flat=True)[:1000])
    for pk in ids:
        send_message.delay(pk)
    return len(ids)
