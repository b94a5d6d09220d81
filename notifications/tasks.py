from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(name="notifications.send_message", ignore_result=True, acks_late=True)
def send_message(message_id: int) -> str:
    """Idempotent by the claim in ``deliver``; a repeat finds the message taken and stops."""
    return services.deliver(message_id)


@shared_task(name="notifications.requeue_stuck", ignore_result=True)
def requeue_stuck() -> int:
    return services.requeue_stuck()
