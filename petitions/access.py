"""Petitions a user may see: those of the offices in their scope; anything else is 404."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from accounts.access import scoped

from .models import Petition


def petitions_for_user(user) -> QuerySet[Petition]:
    return scoped(user, Petition.objects.all(), "office")


def get_petition_for_user(user, pk) -> Petition:
    try:
        return petitions_for_user(user).select_related("case", "office", "dispute_case").get(pk=pk)
    except (Petition.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("petition not found") from exc
