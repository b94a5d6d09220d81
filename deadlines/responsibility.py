"""Who answers for a deadline: the case's assignee if it has one, else the working staff of
the case's handling organisation; if nobody works there, its supervisor. Written once, used
by the sweep, the pages and the calendar feed."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.models import Membership
from notifications.recipients import WORKING_ROLES, Directory

from .models import Deadline


def responsible_ids(case, directory: Directory | None = None) -> list[int]:
    directory = directory or Directory()
    if case.assignee_id is not None:
        return [case.assignee_id]
    return directory.staff_for(case.organisation_id) or directory.supervisors_for(
        case.organisation_id
    )


def deadlines_for_responsible(user) -> QuerySet[Deadline]:
    """The open deadlines a user answers for: their assigned cases, and the unassigned cases
    of the organisations where they hold a working role."""
    org_ids = list(
        Membership.objects.active()
        .filter(user=user, role__in=WORKING_ROLES)
        .values_list("organisation_id", flat=True)
    )
    mine = Q(case__assignee=user)
    if org_ids:
        mine |= Q(case__assignee__isnull=True, case__organisation_id__in=org_ids)
    return Deadline.objects.open().filter(mine)
