from __future__ import annotations

import socket

from celery import shared_task
from django.utils import timezone

from .models import WorkerHeartbeat


@shared_task(name="portal.heartbeat", ignore_result=True)
def record_heartbeat() -> None:
    """Run by beat every minute; an upsert, so repeats and retries are harmless."""
    WorkerHeartbeat.objects.update_or_create(
        name="worker", defaults={"seen_at": timezone.now(), "hostname": socket.gethostname()}
    )
