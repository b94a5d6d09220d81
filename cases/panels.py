"""Panels other apps add to the staff case page (deadline chips, routing, sessions, transfers),
registered from their AppConfig.ready(), so that cases/ never imports them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# Where on the case page a panel goes.
HEADER = "header"  # under the title, e.g. deadline chips
MAIN = "main"  # a section beside the facts and parties


@dataclass(frozen=True)
class CasePanel:
    template: str
    context: Callable  # (request, case) -> dict
    place: str = MAIN
    order: int = 100


_PANELS: list[CasePanel] = []


def register(template: str, context: Callable, *, place: str = MAIN, order: int = 100) -> None:
    panel = CasePanel(template, context, place, order)
    if panel not in _PANELS:
        _PANELS.append(panel)


def render_list(request, case, place: str) -> list[dict]:
    chosen = sorted((p for p in _PANELS if p.place == place), key=lambda p: p.order)
    return [{"template": p.template, "context": p.context(request, case)} for p in chosen]
