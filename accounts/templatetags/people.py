from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def person_name(user) -> str:
    """Chinese order: family name first, no space (陈海); falls back to the login name."""
    full = f"{user.last_name}{user.first_name}".strip()
    return full or user.get_username()
