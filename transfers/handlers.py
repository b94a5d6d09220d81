"""Pages where a kind of transfer is accepted, registered by the app that owns the work
(the court's delegation is accepted by dispatching it, on a courts page)."""

from __future__ import annotations

_ACCEPT_PAGES: dict[str, str] = {}


def register_accept_page(kind: str, url_name: str) -> None:
    _ACCEPT_PAGES[kind] = url_name


def accept_page(kind: str) -> str | None:
    return _ACCEPT_PAGES.get(kind)
