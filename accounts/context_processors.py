from __future__ import annotations

from zhanjiang_portal import navigation

from .access import scope_of


def staff_roles(request) -> dict:
    user = getattr(request, "user", None)
    roles = scope_of(user).role_names() if user is not None and user.is_authenticated else set()
    return {"staff_roles": roles, "nav_items": navigation.items_for(user, roles)}
