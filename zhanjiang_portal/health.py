"""/healthz: is the database answering, and can the broker be reached? 503 when either is not."""

from __future__ import annotations

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from .celery import app as celery_app
from .models import WorkerHeartbeat


def check_database() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "down" to a health check
        return type(exc).__name__
    return None


def check_broker() -> str | None:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:  # any transport error means "down" to a health check
        return type(exc).__name__
    return None


@never_cache
def healthz(request):
    problems = {
        name: err
        for name, err in (("database", check_database()), ("broker", check_broker()))
        if err
    }
    body = {
        "status": "ok" if not problems else "unavailable",
        "database": "ok" if "database" not in problems else "down",
        "broker": "ok" if "broker" not in problems else "down",
    }
    if "database" not in problems:
        beat = WorkerHeartbeat.objects.filter(name="worker").first()
        body["worker_last_seen"] = beat.seen_at.isoformat() if beat else None
    return JsonResponse(body, status=503 if problems else 200)
