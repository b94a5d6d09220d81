"""The one way to queue a Celery task for work a transaction has just written.

Every such task stands for work already recorded in the database (a pending transfer, an
outbound message, a case waiting to be routed), and a periodic sweep does that work when the
task never arrives. So a broker that is down must neither fail the commit that wrote the work
nor turn the user's request into an error: the task is sent after the commit, and a failed
send is logged and left to the sweep.

    queue_after_commit(send_message, message.pk)

A task that does all the waiting work of its kind at once (deliver every pending transfer)
is queued once for a burst of commits instead of once per commit:

    queue_once_after_commit(deliver_pending_task)   # in the writing transaction
    task_started(deliver_pending_task)              # first thing in the task
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial
from typing import Any

from celery import Task
from django.db import connection, transaction
from django.utils import timezone

log = logging.getLogger(__name__)


def queue_after_commit(task: Task[Any, Any], *args: Any, countdown: float | None = None) -> None:
    """Send ``task(*args)`` once the current transaction commits (at once outside one).

    At-most-once by itself: a send that fails (broker down or unreachable) is logged, never
    raised; the work's own sweep makes it at-least-once."""
    transaction.on_commit(partial(_send, task, args, countdown), robust=True)


def _send(task: Task[Any, Any], args: tuple[Any, ...], countdown: float | None) -> bool:
    try:
        if countdown is None:
            task.apply_async(args)
        else:
            task.apply_async(args, countdown=countdown)
    except Exception:  # any broker fault: the work waits in the database for its sweep
        log.warning(
            "could not queue %s%r; its sweep will pick the work up", task.name, args, exc_info=True
        )
        return False
    return True


# A queued run that never started (its message lost with a worker) stops holding back the
# next one after this long; the work's own sweep covers the gap.
QUEUED_RUN_EXPIRES = dt.timedelta(seconds=30)


def queue_once_after_commit(task: Task[Any, Any], *, gather: float = 0) -> None:
    """After the commit, send ``task()`` to run ``gather`` seconds later, unless a run of it
    is already queued and has not started yet. The task does all the work waiting when it
    runs and calls :func:`task_started` first: whatever commits before that is its work,
    whatever commits after queues the next run. With a gathering time, a burst of commits
    costs a run per ``gather`` seconds instead of a message and a run each. The mark is a
    row (QueuedRun), so it holds across web and worker processes on any database; a failed
    send clears it again."""
    transaction.on_commit(partial(_send_once, task, gather), robust=True)


def task_started(task: Task[Any, Any]) -> None:
    """Called first by a task queued with :func:`queue_once_after_commit`: a commit from
    now on queues another run."""
    from .models import QueuedRun

    QueuedRun.objects.filter(name=task.name).update(queued_at=None)


def _send_once(task: Task[Any, Any], gather: float) -> None:
    if _mark_queued(task.name) and not _send(task, (), gather or None):
        task_started(task)


def _mark_queued(name: str) -> bool:
    """Mark a run of ``name`` queued; False when one already is (one statement, an upsert
    whose update applies only to a run not queued or expired)."""
    from .models import QueuedRun

    now = timezone.now()
    ops = connection.ops
    table = ops.quote_name(QueuedRun._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (name, queued_at) VALUES (%s, %s) "
            "ON CONFLICT (name) DO UPDATE SET queued_at = excluded.queued_at "
            f"WHERE {table}.queued_at IS NULL OR {table}.queued_at < %s RETURNING name",
            [
                name,
                ops.adapt_datetimefield_value(now),
                ops.adapt_datetimefield_value(now - QUEUED_RUN_EXPIRES),
            ],
        )
        return cursor.fetchone() is not None
