"""Transfers a user may see and answer: those addressed to, or sent by, organisations where
the user acts. Anything else is answered as missing (404)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.access import scope_of

from .models import Transfer


def acting_organisations(user) -> set[int]:
    scope = scope_of(user)
    return {org for role, orgs in scope.roles.items() if role != "city_leader" for org in orgs}


def transfers_for_user(user) -> QuerySet[Transfer]:
    orgs = sorted(acting_organisations(user))
    if getattr(user, "is_superuser", False):
        return Transfer.objects.all()
    return Transfer.objects.filter(
        Q(to_organisation_id__in=orgs) | Q(from_organisation_id__in=orgs)
    )


def get_incoming_transfer_for_user(user, pk) -> Transfer:
    """Only the receiver answers a transfer."""
    orgs = acting_organisations(user)
    try:
        transfer = Transfer.objects.select_related(
            "case", "from_organisation", "to_organisation"
        ).get(pk=pk)
    except (Transfer.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("transfer not found") from exc
    if transfer.to_organisation_id not in orgs and not user.is_superuser:
        raise Http404("transfer not found")
    return transfer
