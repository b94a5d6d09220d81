"""The registry of figure providers: each area contributes its figures to the dashboards.

An area adds its figures by registering a :class:`Provider` from its AppConfig.ready()::

    from stats.figures import Provider, register
    register(Provider(area="legal_aid", label=_("法律援助"), month=month_facts,
                      now=None, present=present))

``month(start, end)`` yields :class:`Fact` rows for the month [start, end): an organisation,
the town where it happened, and a tree of counts (``{"cases": 3, "amount_fen": 120000,
"by_kind": {"x": 2}}``). The rollup task adds the facts up into every scope the row belongs to
(the organisation and its ancestors; the town, its county and the city), so the provider never
thinks about scopes. ``now(moment)`` does the same for figures of the present (open, overdue).
``present(view)`` turns the added-up tree of a period into the sections a dashboard shows (see
stats.presenting); the overview API returns the same sections.

stats never imports an unfinished area: the area imports stats and registers itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

Tree = dict[str, Any]


@dataclass(frozen=True)
class Fact:
    organisation_id: int | None
    # The town (9 digits); a village (12) or a county (6) from an area that counts by those;
    # "" when the place is unknown.
    town_code: str
    figures: Tree


@dataclass(frozen=True)
class Provider:
    area: str
    label: Any
    month: Callable[[dt.datetime, dt.datetime], Iterable[Fact]]
    present: Callable[[Any], list]
    now: Callable[[dt.datetime], Iterable[Fact]] | None = None
    order: int = 100
    # The report's figures, when the area has any (see stats.report).
    extra: dict = field(default_factory=dict)


_PROVIDERS: dict[str, Provider] = {}


def register(provider: Provider) -> None:
    _PROVIDERS[provider.area] = provider


def providers() -> list[Provider]:
    return sorted(_PROVIDERS.values(), key=lambda p: (p.order, p.area))


def add_into(total: Tree, part: Tree) -> Tree:
    """Add ``part`` into ``total`` key by key (numbers add, subtrees add recursively)."""
    for key, value in part.items():
        if isinstance(value, dict):
            add_into(total.setdefault(key, {}), value)
        else:
            total[key] = total.get(key, 0) + value
    return total


def added(trees: Iterable[Tree]) -> Tree:
    total: Tree = {}
    for tree in trees:
        add_into(total, tree)
    return total


def scalars(tree: Tree) -> Tree:
    return {key: value for key, value in tree.items() if not isinstance(value, dict)}


def bump(tree: Tree, *path_and_amount) -> None:
    """``bump(tree, "by_category", "family", 1)``: add 1 at tree[by_category][family]."""
    *path, key, amount = path_and_amount
    for step in path:
        tree = tree.setdefault(step, {})
    tree[key] = tree.get(key, 0) + amount
