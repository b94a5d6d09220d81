from __future__ import annotations

import pytest

from tests.celery_worker import wait_until
from zhanjiang_portal.models import WorkerHeartbeat
from zhanjiang_portal.tasks import record_heartbeat

pytestmark = pytest.mark.integration


def test_a_real_worker_runs_the_heartbeat_and_healthz_shows_it(celery_worker_process, client):
    record_heartbeat.delay()
    assert wait_until(lambda: WorkerHeartbeat.objects.filter(name="worker").exists(), timeout=30)
    assert client.get("/healthz").json()["worker_last_seen"] is not None


def test_the_heartbeat_is_on_the_beat_schedule_an_administrator_can_see(db):
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="portal.heartbeat")
    assert task.enabled
    assert task.interval.every == 60


def _worker_backends() -> set[int]:
    """PostgreSQL backends on the test database other than this test's own."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
        )
        return {pid for (pid,) in cursor.fetchall()}


def test_the_worker_keeps_its_database_connection_from_one_task_to_the_next(
    celery_worker_process,
):
    """Each task used to open a new PostgreSQL backend (Celery closes the connection around
    every task unless told otherwise): under a burst of court pushes, a fifth of the
    database's work was starting backends. A kept connection serves the next task."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("counts PostgreSQL backends")
    record_heartbeat.delay()
    assert wait_until(lambda: WorkerHeartbeat.objects.filter(name="worker").exists(), timeout=30)
    first = WorkerHeartbeat.objects.get(name="worker").seen_at
    kept = _worker_backends()
    assert kept, "the worker closed its connection after the task"
    record_heartbeat.delay()
    assert wait_until(lambda: WorkerHeartbeat.objects.get(name="worker").seen_at > first)
    assert _worker_backends() == kept
