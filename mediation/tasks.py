from __future__ import annotations

from celery import shared_task

from . import autoroute, stranded


@shared_task(name="mediation.route_new_case", ignore_result=True)
def route_new_case(case_id: int) -> None:
    """Idempotent: a case already routed or tried is left alone."""
    autoroute.route_if_new(case_id)


@shared_task(name="mediation.sweep_unrouted", ignore_result=True)
def sweep_unrouted() -> None:
    autoroute.sweep_unrouted()


@shared_task(name="mediation.sweep_stranded", ignore_result=True)
def sweep_stranded() -> None:
    """Idempotent: each case is locked and re-examined before it is moved or reported."""
    stranded.sweep_stranded()
