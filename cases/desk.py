"""Desk panels of the intake area: the window clerk's recent registrations."""

from __future__ import annotations

from .access import cases_for_user


def window_panel(request, membership) -> dict:
    recent = (
        cases_for_user(request.user)
        .filter(organisation=membership.organisation)
        .select_related("category")
        .order_by("-filed_at", "-id")[:5]
    )
    return {"recent": list(recent)}
