from __future__ import annotations

from django.db import models

from . import lookups  # noqa: F401  (registers the __any lookup on id fields)


class WorkerHeartbeat(models.Model):
    """The last time a Celery worker ran the periodic heartbeat, so /healthz can tell
    whether workers and beat are alive (informational: the web answers without them)."""

    name = models.CharField(max_length=50, unique=True)
    seen_at = models.DateTimeField()
    hostname = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return f"{self.name} @ {self.seen_at:%Y-%m-%d %H:%M:%S}"


class QueuedRun(models.Model):
    """A run of a task that does all the waiting work of its kind is queued and has not
    started yet (zhanjiang_portal.queueing.queue_once_after_commit)."""

    name = models.CharField(max_length=100, primary_key=True)
    queued_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"{self.name}: {self.queued_at or '-'}"
