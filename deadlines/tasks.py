from __future__ import annotations

from celery import shared_task

from . import reminders


@shared_task(name="deadlines.sweep_reminders", ignore_result=True, acks_late=True)
def sweep_reminders() -> dict:
    """Run by beat. Safe to run twice at once or again after a crash: batches are claimed
    with SKIP LOCKED and each reminder is a unique row (exactly once in the inbox)."""
    result = reminders.sweep()
    return {"batches": result.batches, "deadlines": result.deadlines, "sent": result.reminders}
