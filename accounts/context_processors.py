from __future__ import annotations

from .access import scope_of


def staff_roles(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"staff_roles": set()}
    return {"staff_roles": scope_of(user).role_names()}
