"""Celery tasks over transfers.services and transfers.push, each idempotent: the internal
delivery is exactly-once (a conditional claim), the external push at-least-once with the
receiver de-duplicating on the idempotency key. Waits longer than
TRANSFER_QUEUE_MAX_COUNTDOWN live in the database (next_attempt_at), never in the broker."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from zhanjiang_portal.queueing import queue_after_commit, task_started

from . import push, services


@shared_task(name="transfers.deliver_pending", acks_late=True, ignore_result=True)
def deliver_pending_task() -> None:
    """Every pending transfer into its receiver's inbox; queued once for a burst of
    hand-offs (services.queue_delivery). The pushes to external systems go as tasks of their
    own, so that a slow receiver holds up no inbox."""
    task_started(deliver_pending_task)
    _delivered, pushes = services.deliver_pending()
    for transfer_id in pushes:
        queue_after_commit(push_external_task, transfer_id)


@shared_task(name="transfers.push_external", acks_late=True, ignore_result=True)
def push_external_task(transfer_id: int) -> None:
    _push(transfer_id)


def _push(transfer_id: int) -> None:
    wait = push.push_external(transfer_id)
    if wait is not None and wait <= settings.TRANSFER_QUEUE_MAX_COUNTDOWN:
        queue_after_commit(push_external_task, transfer_id, countdown=wait)


@shared_task(name="transfers.sweep", ignore_result=True)
def sweep_transfers_task() -> int:
    delivered, due = services.sweep_transfers()
    for transfer_id in due:
        push_external_task.delay(transfer_id)
    return delivered


@shared_task(name="transfers.remind", ignore_result=True)
def remind_unanswered_task() -> None:
    services.remind_unanswered()
