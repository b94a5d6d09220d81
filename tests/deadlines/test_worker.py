"""The sweep run by real worker processes: overlapping runs and a worker killed mid-sweep
lose no reminder and double none."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from cases.models import Case
from deadlines.models import Deadline, DeadlineRule, Reminder
from deadlines.tasks import sweep_reminders
from notifications.models import Notification
from tests.cases.factories import a_case
from tests.celery_worker import WorkerProcess, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("no_self_routing")]


def overdue_deadlines(assignee, count: int) -> None:
    """Rows as start_deadline leaves them, a day overdue, bulk-inserted for speed."""
    case = a_case()
    Case.objects.filter(pk=case.pk).update(assignee=assignee)
    rule = DeadlineRule.objects.get(code="labour_mediation")
    now = timezone.now()
    Deadline.objects.bulk_create(
        Deadline(
            case=case,
            kind=rule.code,
            rule=rule,
            starts_at=now - dt.timedelta(days=16),
            due_at=now - dt.timedelta(days=1),
            original_due_at=now - dt.timedelta(days=1),
            reminded_through=now - dt.timedelta(days=16),
            next_reminder_at=now - dt.timedelta(days=4),
        )
        for _ in range(count)
    )


def no_duplicates() -> bool:
    twice = Notification.objects.values("dedupe_key").annotate(n=Count("id")).filter(n__gt=1)
    return not twice.exists()


def restart_with_batch(worker, monkeypatch, size: int) -> None:
    monkeypatch.setenv("DEADLINES_SWEEP_BATCH", str(size))
    worker.kill()
    worker.start()


def test_a_worker_killed_mid_sweep_loses_and_doubles_nothing(
    celery_worker_process, monkeypatch, mediator
):
    # Given 4,000 overdue deadlines swept in batches of 10
    restart_with_batch(celery_worker_process, monkeypatch, 10)
    overdue_deadlines(mediator, 4000)
    sweep_reminders.delay()
    # When the worker is killed once part of the sweep has committed
    assert wait_until(lambda: Reminder.objects.exists(), timeout=60)
    celery_worker_process.kill()
    done = Reminder.objects.count()
    assert 0 < done < 4000
    # Then a new worker's sweep sends the rest, and nobody gets anything twice
    celery_worker_process.start()
    sweep_reminders.delay()
    assert wait_until(lambda: Reminder.objects.count() == 4000, timeout=120)
    assert Notification.objects.filter(recipient=mediator).count() == 4000
    assert no_duplicates()
    assert not Deadline.objects.filter(next_reminder_at__lte=timezone.now()).exists()


@pytest.mark.postgres
def test_beat_running_the_sweep_twice_at_once_on_two_workers_sends_each_reminder_once(
    celery_worker_process, monkeypatch, mediator, tmp_path
):
    if connection.vendor != "postgresql":
        pytest.skip("two concurrent writers need PostgreSQL's SKIP LOCKED")
    restart_with_batch(celery_worker_process, monkeypatch, 20)
    second = WorkerProcess(tmp_path / "second-worker.log")
    second.start()
    try:
        overdue_deadlines(mediator, 3000)
        sweep_reminders.delay()
        sweep_reminders.delay()
        assert wait_until(lambda: Reminder.objects.count() == 3000, timeout=120)
        assert wait_until(
            lambda: "succeeded" in second.log_path.read_text(errors="replace"), timeout=60
        )
    finally:
        second.stop()
    assert Notification.objects.filter(recipient=mediator).count() == 3000
    assert no_duplicates()
