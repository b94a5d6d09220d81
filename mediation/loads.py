"""Each mediator's number of open cases, kept on their profile.

Assignment compares the loads of a whole roster (Zhanjiang's court platform alone lists
412 mediators); counting their cases on every assignment would read tens of thousands of
rows at a million cases, so the count is kept up to date instead: the services that change
a case's mediator shift it, and a case finishing (by any app's transition) releases it.
``recount`` rebuilds the figures from the cases themselves.
"""

from __future__ import annotations

from django.db.models import Count, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from cases.models import FINISHED_STATUSES, Case, CaseStatus

from .models import MediatorProfile

# Listed rather than excluded, so the (assignee, status) index reads only open rows.
OPEN_STATUSES = [s for s in CaseStatus.values if s not in FINISHED_STATUSES]


def shift(old_id: int | None, new_id: int | None, *, assigned_at=None) -> None:
    """A case still open moved from one mediator to another (either may be nobody);
    ``assigned_at`` also stamps the new mediator's last assignment, in the same UPDATE."""
    stamp = {"last_assigned_at": assigned_at} if assigned_at else {}
    if old_id == new_id:
        if new_id and stamp:
            MediatorProfile.objects.filter(user_id=new_id).update(**stamp)
        return
    if old_id:
        MediatorProfile.objects.filter(user_id=old_id, open_cases__gt=0).update(
            open_cases=F("open_cases") - 1
        )
    if new_id and not MediatorProfile.objects.filter(user_id=new_id).update(
        open_cases=F("open_cases") + 1, **stamp
    ):
        MediatorProfile.objects.create(user_id=new_id, open_cases=1, **stamp)


def on_case_transitioned(sender, case, from_status, to_status, **kwargs) -> None:
    """A case that finishes no longer weighs on its mediator."""
    finished_now = to_status in FINISHED_STATUSES and from_status not in FINISHED_STATUSES
    if finished_now and case.assignee_id:
        shift(case.assignee_id, None)


def recount(user_ids: list[int] | None = None) -> int:
    """Rebuild the counters from the cases (one UPDATE); returns the profiles updated."""
    counts = (
        Case.objects.filter(assignee_id=OuterRef("user_id"), status__in=OPEN_STATUSES)
        .order_by()
        .values("assignee_id")
        .annotate(n=Count("*"))
        .values("n")
    )
    profiles = MediatorProfile.objects.all()
    if user_ids is not None:
        profiles = profiles.filter(user_id__in=user_ids)
    return profiles.update(open_cases=Coalesce(Subquery(counts), Value(0)))
