"""Every case fetch starts from the user: a case outside their scope does not exist for them."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.access import may_act, scope_of

from .models import Case


def cases_for_user(user) -> QuerySet[Case]:
    """The cases of the organisations the user sees, and the cases assigned to them (a case
    handled by a centre may be assigned to a mediator of one of its workrooms)."""
    scope = scope_of(user)
    if scope.city_wide:
        return Case.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Case.objects.none()
    return Case.objects.filter(
        Q(organisation_id__in=sorted(scope.visible)) | Q(assignee_id=user.pk)
    )


def get_case_for_user(user, pk) -> Case:
    try:
        return cases_for_user(user).select_related("organisation", "category", "village").get(pk=pk)
    except (Case.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("case not found") from exc


def may_handle(user, case: Case) -> bool:
    """Staff handling the case (its organisation's staff, or its assignee) see full ID numbers."""
    return case.assignee_id == getattr(user, "pk", None) or may_act(user, case.organisation_id)
