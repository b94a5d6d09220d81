"""Issuing, rotating and checking agency keys."""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import Organisation

from .models import AgencyToken, hash_key

# Last use is written at most this often per key, so that a burst of pushes is not a burst
# of UPDATEs on one row.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def issue_token(organisation: Organisation, name: str = "") -> tuple[AgencyToken, str]:
    """A new key for the organisation's system; the key itself is returned once, never kept."""
    key = secrets.token_urlsafe(32)
    token = AgencyToken.objects.create(
        organisation=organisation, name=name, key_prefix=key[:8], key_hash=hash_key(key)
    )
    return token, key


def rotate_token(token: AgencyToken) -> tuple[AgencyToken, str]:
    """Issue the successor and revoke this key in one transaction."""
    with transaction.atomic():
        successor, key = issue_token(token.organisation, token.name)
        updated = AgencyToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), replaced_by=successor
        )
        if not updated:
            raise ValueError("token already revoked")
    return successor, key


def revoke_token(token: AgencyToken) -> None:
    AgencyToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def token_for_key(key: str) -> AgencyToken | None:
    """The active token of a key, its last use recorded; None for an unknown or revoked key."""
    token = (
        AgencyToken.objects.active()
        .select_related("organisation")
        .filter(key_hash=hash_key(key))
        .first()
    )
    if token is not None:
        now = timezone.now()
        stale = Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_RESOLUTION)
        AgencyToken.objects.filter(stale, pk=token.pk).update(last_used_at=now)
    return token
