"""Links in the page header. Each app registers its own from its AppConfig.ready(), so the
shell template never needs to know which apps exist."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str
    roles: frozenset[str] | None = None  # None: every signed-in staff member
    public: bool = False  # shown to visitors who are not signed in
    order: int = 100


_ITEMS: list[NavItem] = []


def register(url_name: str, label, *, roles=None, public: bool = False, order: int = 100) -> None:
    item = NavItem(url_name, label, frozenset(roles) if roles else None, public, order)
    if item not in _ITEMS:
        _ITEMS.append(item)


def items_for(user, roles: set[str]) -> list[dict]:
    signed_in = getattr(user, "is_authenticated", False)
    chosen = []
    for item in sorted(_ITEMS, key=lambda i: i.order):
        if item.public and signed_in:
            continue
        if not item.public and not signed_in:
            continue
        if signed_in and item.roles and not (item.roles & roles or user.is_superuser):
            continue
        try:
            chosen.append({"url": reverse(item.url_name), "label": item.label})
        except NoReverseMatch:
            continue
    return chosen
