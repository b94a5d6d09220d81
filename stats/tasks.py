"""Celery tasks keeping the rollups: a refresh of the stale periods queued on commit of a
change, and a periodic sweep that also recomputes this month and the present (overdue moves
with the clock, not only with writes)."""

from __future__ import annotations

from celery import shared_task

from . import rollups
from .periods import NOW, Month


@shared_task(name="stats.refresh_stale", ignore_result=True)
def refresh_stale_task() -> list[str]:
    # At-least-once: a period refreshed twice gives the same rows.
    return rollups.refresh_stale()


@shared_task(name="stats.sweep", ignore_result=True)
def sweep_task() -> list[str]:
    this_month = Month.current()
    rollups.mark_stale(str(this_month), str(this_month.shift(-1)), NOW)
    return rollups.refresh_stale()
