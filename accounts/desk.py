"""Panels on the staff desk. Each app registers, per role, a template and a function that
builds its context, from its AppConfig.ready(); the desk shows the panels of the roles the
user holds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DeskPanel:
    role: str
    template: str
    context: Callable  # (request, membership) -> dict
    order: int = 100


_PANELS: list[DeskPanel] = []


def register(role: str, template: str, context: Callable, *, order: int = 100) -> None:
    _PANELS.append(DeskPanel(role, template, context, order))


def panels_for(role: str) -> list[DeskPanel]:
    return sorted((p for p in _PANELS if p.role == role), key=lambda p: p.order)
