"""Every case fetch starts from the user: a case outside their reach does not exist for them.

A user reaches the cases of the organisations they see (``accounts.access.scope_of``), the
cases assigned to them while they hold an active mediator's membership, and the cases they
filed themselves while they are on staff (a window clerk follows a walk-in after routing has
sent it elsewhere). Reaching a case is reading it; acting on it is each verb's own rule.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.access import may_act, scope_of
from accounts.models import Role

from .models import Case


def _reach(user) -> Q | None:
    """The condition on cases a user reaches, or None for the whole city."""
    scope = scope_of(user)
    if scope.city_wide:
        return None
    # One array however many organisations, hidden from the planner: a list is a page read
    # along an ordered index, and estimating a county's thousand organisations one by one
    # cost more than the page, and misjudged a town's cases as a few hundred (the count of a
    # list shows the array again: cases.listing.count_label).
    condition = Q(organisation_id__any_opaque=frozenset(scope.visible))
    if scope.holds(Role.MEDIATOR):
        condition |= Q(assignee_id=user.pk)
    if scope.is_staff_member:
        condition |= Q(filed_by_id=user.pk)
    return condition


def cases_for_user(user) -> QuerySet[Case]:
    if not getattr(user, "is_authenticated", False):
        return Case.objects.none()
    condition = _reach(user)
    if condition is None:
        return Case.objects.all()
    if not scope_of(user).roles:
        return Case.objects.none()
    return Case.objects.filter(condition)


def get_case_for_user(user, pk) -> Case:
    try:
        return cases_for_user(user).select_related("organisation", "category", "village").get(pk=pk)
    except (Case.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("case not found") from exc


def is_assignee(user, case: Case) -> bool:
    """The case's assignee, while they still hold an active mediator's membership."""
    return (
        case.assignee_id is not None
        and case.assignee_id == getattr(user, "pk", None)
        and scope_of(user).holds(Role.MEDIATOR)
    )


def may_handle(user, case: Case) -> bool:
    """Staff handling the case (its organisation's staff, or its assignee) see full ID numbers."""
    return is_assignee(user, case) or may_act(user, case.organisation_id)
