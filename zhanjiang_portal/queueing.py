"""The one way to queue a Celery task for work a transaction has just written.

Every such task stands for work already recorded in the database (a pending transfer, an
outbound message, a case waiting to be routed), and a periodic sweep does that work when the
task never arrives. So a broker that is down must neither fail the commit that wrote the work
nor turn the user's request into an error: the task is sent after the commit, and a failed
send is logged and left to the sweep.

    queue_after_commit(deliver_transfer_task, transfer.pk)
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from celery import Task
from django.db import transaction

log = logging.getLogger(__name__)


def queue_after_commit(task: Task[Any, Any], *args: Any, countdown: float | None = None) -> None:
    """Send ``task(*args)`` once the current transaction commits (at once outside one).

    At-most-once by itself: a send that fails (broker down or unreachable) is logged, never
    raised; the work's own sweep makes it at-least-once."""
    transaction.on_commit(partial(_send, task, args, countdown), robust=True)


def _send(task: Task[Any, Any], args: tuple[Any, ...], countdown: float | None) -> None:
    try:
        if countdown is None:
            task.apply_async(args)
        else:
            task.apply_async(args, countdown=countdown)
    except Exception:  # any broker fault: the work waits in the database for its sweep
        log.warning(
            "could not queue %s%r; its sweep will pick the work up", task.name, args, exc_info=True
        )
