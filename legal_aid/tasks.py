from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(name="legal_aid.sweep_silent")
def sweep_silent() -> int:
    """Withdraw applications whose notice of missing materials went unanswered; each is a
    conditional update, so overlapping runs withdraw nothing twice."""
    return services.sweep_silent()
