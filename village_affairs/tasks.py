from __future__ import annotations

from celery import shared_task

from . import lateness


@shared_task(name="village_affairs.flag_late_postings")
def flag_late_postings_task() -> int:
    """Idempotent: a flag and its inbox message are written once per village, kind and period
    (unique keys), so a run repeated after a crash adds nothing."""
    return lateness.flag_late_postings()
