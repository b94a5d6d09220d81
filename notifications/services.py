"""Telling people things. Other apps call these functions; they never write Notification
rows themselves."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model

from accounts.models import Membership, Organisation

from .models import Notification


def notify_staff(
    users: Iterable, *, kind: str, title: str, body: str = "", link_url: str = ""
) -> list[Notification]:
    """Put a message in each user's in-app inbox."""
    rows = [
        Notification(recipient=user, kind=kind, title=title[:200], body=body, link_url=link_url)
        for user in {u.pk: u for u in users}.values()
    ]
    return Notification.objects.bulk_create(rows)


def notify_organisation(
    organisation: Organisation,
    *,
    kind: str,
    title: str,
    body: str = "",
    link_url: str = "",
    roles: Iterable[str] | None = None,
) -> list[Notification]:
    """Tell the active staff of one organisation (optionally only some roles)."""
    members = Membership.objects.active().filter(organisation=organisation)
    if roles is not None:
        members = members.filter(role__in=list(roles))
    users = get_user_model().objects.filter(pk__in=members.values("user_id"), is_active=True)
    return notify_staff(users, kind=kind, title=title, body=body, link_url=link_url)
