"""Who answers for a deadline: the case's assignee if it has one, else the working staff of
the case's handling organisation; if nobody works there, its supervisor. A clock that belongs
to another organisation (``Deadline.organisation``: a court team's trial clock) is answered
for by that organisation's staff, or its supervisor. Written once, used by the sweep, the
pages and the calendar feed."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.models import Membership
from cases.models import Case
from notifications.recipients import WORKING_ROLES, Directory

from .models import Deadline


def responsible_ids(
    case, directory: Directory | None = None, owner_id: int | None = None
) -> list[int]:
    directory = directory or Directory()
    if owner_id is not None:
        return directory.staff_for(owner_id) or directory.supervisors_for(owner_id)
    if case.assignee_id is not None:
        return [case.assignee_id]
    return directory.staff_for(case.organisation_id) or directory.supervisors_for(
        case.organisation_id
    )


def responsible_case_ids(user) -> list[int]:
    """The cases a user answers for: those assigned to them, and the unassigned ones of
    the organisations where they hold a working role. One query; the list is then reused by
    each section of a page instead of joining the cases table again and again."""
    org_ids = Membership.objects.active().filter(user=user, role__in=WORKING_ROLES)
    if not getattr(user, "is_active", False) or not org_ids.exists():
        # Switched off, or no working role any more: nothing is theirs, assigned or not.
        return []
    mine = Q(assignee=user) | Q(
        assignee__isnull=True, organisation_id__in=org_ids.values("organisation_id")
    )
    return list(Case.objects.filter(mine).values_list("id", flat=True))


def deadlines_for_responsible(user, case_ids: list[int] | None = None) -> QuerySet[Deadline]:
    """The open deadlines of the cases a user answers for."""
    if case_ids is None:
        case_ids = responsible_case_ids(user)
    return Deadline.objects.open().filter(case_id__in=case_ids)
