"""Panels other apps add to the public tracking page and its API (mediation's progress, later
legal aid's), registered from their AppConfig.ready(), so that cases/ never imports them.

A panel is a name, a template and a function ``data(case) -> dict | None``: the page includes
the template with the data as ``panel`` (as on the staff case page, cases.panels), and the
tracking API returns the same data as an extra field of that name (absent when the function
returns None). Only what a party may
see belongs in it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from rest_framework.fields import DateTimeField


@dataclass(frozen=True)
class PublicPanel:
    name: str  # the template variable and the API field
    template: str
    data: Callable  # (case) -> dict | None
    order: int = 100


_PANELS: list[PublicPanel] = []


def register(name: str, template: str, data: Callable, *, order: int = 100) -> None:
    panel = PublicPanel(name, template, data, order)
    if panel not in _PANELS:
        _PANELS.append(panel)


def _computed(case) -> list[tuple[PublicPanel, dict]]:
    chosen = sorted(_PANELS, key=lambda p: p.order)
    return [(panel, data) for panel in chosen if (data := panel.data(case)) is not None]


def render_list(case) -> list[dict]:
    """For the page: ``{% include panel.template with panel=panel.context %}`` over these."""
    return [{"template": panel.template, "context": data} for panel, data in _computed(case)]


def api_fields(case) -> dict:
    """For the API: one extra field per panel, dates as the API writes them elsewhere."""
    return {panel.name: _plain(data) for panel, data in _computed(case)}


def _plain(value):
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dt.datetime):
        return DateTimeField().to_representation(value)
    return value
