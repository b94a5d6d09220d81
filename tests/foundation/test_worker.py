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
