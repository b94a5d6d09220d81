"""Which courts' cases a user sees: the courts in their scope (a court clerk's own court;
city leaders and administrators all). Anything else is answered as missing (404)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from accounts.access import scope_of
from accounts.models import Organisation

from .models import PreLitigationCase


def courts_for_user(user) -> QuerySet[Organisation]:
    scope = scope_of(user)
    courts = Organisation.objects.courts()
    if scope.city_wide:
        return courts
    return courts.filter(pk__in=sorted(scope.visible))


def clerk_courts(user) -> QuerySet[Organisation]:
    """Courts where the user may act as a court clerk."""
    scope = scope_of(user)
    courts = Organisation.objects.courts()
    if scope.may_act_city_wide:
        return courts
    return courts.filter(pk__in=sorted(scope.roles.get("court_clerk", ())))


def get_pre_litigation_for_user(user, pk) -> PreLitigationCase:
    try:
        return PreLitigationCase.objects.select_related(
            "case", "court", "mediation_organisation"
        ).get(pk=pk, court__in=courts_for_user(user))
    except (PreLitigationCase.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("case not found") from exc
