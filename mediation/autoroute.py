"""Most cases route themselves: a newly filed case is routed by the rules in a Celery task
queued after the filing commits, and a periodic sweep routes any case whose task was lost
(the broker was down, the worker died). Court-pushed cases are excluded: the justice bureau
dispatches those itself. A case the rules cannot place waits at the window, tried once."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from accounts.verbs import ActionRefused
from cases.models import Case, CaseStatus, Channel
from zhanjiang_portal.queueing import queue_after_commit

from .models import MediationFile
from .services import route_case

NOT_SELF_ROUTED = frozenset({Channel.COURT_PUSH})
# A filing's own task normally routes it within a second; the sweep waits longer than that.
SWEEP_AFTER = dt.timedelta(minutes=2)


def unrouted() -> QuerySet[Case]:
    """Received cases never tried by the rules (routing leaves its reason on the file)."""
    tried = MediationFile.objects.exclude(routing_reason="").values("case_id")
    return (
        Case.objects.filter(status=CaseStatus.RECEIVED)
        .exclude(channel__in=NOT_SELF_ROUTED)
        .exclude(pk__in=tried)
    )


def route_if_new(case_id: int) -> bool:
    """Route the case unless it was routed or tried already; safe to run twice or alongside a
    clerk routing it by hand (the status update is conditional)."""
    case = unrouted().filter(pk=case_id).select_related("category", "village").first()
    if case is None:
        return False
    try:
        route_case(case=case, actor=None)
    except ActionRefused:  # someone routed it in the meantime
        return False
    return True


def sweep_unrouted(limit: int = 200) -> int:
    ids = list(
        unrouted()
        .filter(filed_at__lt=timezone.now() - SWEEP_AFTER)
        .order_by("filed_at")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(route_if_new(pk) for pk in ids)


def queue_routing(sender, case: Case, **kwargs) -> None:
    """case_filed receiver: route after commit; when the broker is down the filing still
    succeeds and the sweep routes the case later."""
    if case.channel in NOT_SELF_ROUTED:
        return
    from .tasks import route_new_case

    queue_after_commit(route_new_case, case.pk)
