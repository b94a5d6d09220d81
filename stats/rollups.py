"""Keeping the rollups: each period's figures recomputed from the raw rows of every area and
added up into every scope, so that a dashboard reads a few rows instead of the case table.

A change marks its months stale (``mark_stale``, on commit); ``refresh_stale`` (a Celery task
queued on commit, and a periodic sweep) recomputes them. Recomputing a whole month keeps the
figures exactly equal to counts taken from the raw rows, whatever happened in between: a
refresh never adjusts a counter, it replaces the month.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation
from villages.models import CITY_CODE

from .figures import Fact, Tree, add_into, providers, scalars
from .models import Rollup, StalePeriod
from .periods import NOW, Month

CHILDREN = "_children"


def org_scope(organisation_id: int) -> str:
    return f"org:{organisation_id}"


def region_scope(code: str) -> str:
    return f"region:{code}"


class OrganisationTree:
    """The organisation tree, read once per refresh: each organisation's chain up to its root."""

    def __init__(self) -> None:
        self.parent = dict(Organisation.objects.values_list("id", "parent_id"))
        self._chains: dict[int, list[int]] = {}

    def chain(self, organisation_id: int) -> list[int]:
        if organisation_id not in self._chains:
            chain, seen, node = [], set(), organisation_id
            while node is not None and node not in seen:
                seen.add(node)
                chain.append(node)
                node = self.parent.get(node)
            self._chains[organisation_id] = chain
        return self._chains[organisation_id]


def region_chain(code: str) -> list[str]:
    """The regions a place counts in: a town (9 digits) counts in its county and the city; a
    village (12, from an area that counts by village) in its town too; a county (6, from an
    area that knows only the county) in the city."""
    codes = [code[:n] for n in (12, 9, 6) if len(code) >= n]
    return [*(c for c in codes if c != CITY_CODE), CITY_CODE]


def scopes_of(fact: Fact, tree: OrganisationTree) -> Iterable[tuple[str, str | None]]:
    """(scope, child scope on the way down to the fact) for every scope the fact counts in."""
    if fact.organisation_id is not None:
        chain = tree.chain(fact.organisation_id)
        for i, node in enumerate(chain):
            yield org_scope(node), org_scope(chain[i - 1]) if i else None
    chain = region_chain(fact.town_code)
    for i, code in enumerate(chain):
        yield region_scope(code), region_scope(chain[i - 1]) if i else None


def distribute(facts_by_area: dict[str, Iterable[Fact]], tree: OrganisationTree) -> dict[str, Tree]:
    """Add every fact into each of its scopes; a scope also keeps its children's top-level
    counts (for the by-organisation and by-region tables)."""
    out: dict[str, Tree] = {}
    for area, facts in facts_by_area.items():
        for fact in facts:
            flat = scalars(fact.figures)
            for scope, child in scopes_of(fact, tree):
                figures = out.setdefault(scope, {})
                add_into(figures.setdefault(area, {}), fact.figures)
                if child and flat:
                    add_into(figures.setdefault(CHILDREN, {}).setdefault(child, {}), {area: flat})
    return out


def compute(period: str) -> dict[str, Tree]:
    tree = OrganisationTree()
    if period == NOW:
        moment = timezone.now()
        facts = {p.area: p.now(moment) for p in providers() if p.now}
    else:
        start, end = Month.parse(period).bounds()
        facts = {p.area: p.month(start, end) for p in providers()}
    return distribute(facts, tree)


def refresh(period: str) -> int:
    """Recompute one period's rows for every scope; returns how many rows it holds now."""
    rows = compute(period)
    now = timezone.now()
    with transaction.atomic():
        Rollup.objects.filter(period=period).exclude(scope__in=list(rows)).delete()
        Rollup.objects.bulk_create(
            [Rollup(scope=s, period=period, figures=f, refreshed_at=now) for s, f in rows.items()],
            update_conflicts=True,
            unique_fields=["scope", "period"],
            update_fields=["figures", "refreshed_at"],
            batch_size=500,
        )
    return len(rows)


def mark_stale(*periods: str) -> None:
    """One statement for all the periods (INSERT ... ON CONFLICT DO UPDATE): a filing pays one
    round trip and one commit for its marks, however many periods it touches."""
    now = timezone.now()
    StalePeriod.objects.bulk_create(
        [StalePeriod(period=period, marked_at=now) for period in sorted(set(periods))],
        update_conflicts=True,
        unique_fields=["period"],
        update_fields=["marked_at"],
    )


def refresh_stale() -> list[str]:
    """Claim the stale periods and recompute them. A mark made while a period is being
    recomputed stays (its marked_at is later than the claim), so it is done again: a change is
    never lost, at worst counted twice over (at-least-once, and recomputing is idempotent)."""
    done = []
    for mark in list(StalePeriod.objects.order_by("period")):
        claimed_at = mark.marked_at
        refresh(mark.period)
        StalePeriod.objects.filter(pk=mark.pk, marked_at=claimed_at).delete()
        done.append(mark.period)
    return done


def rebuild(first: Month, last: Month | None = None) -> list[str]:
    """Every month from ``first`` to ``last`` (this month by default), and now."""
    last = last or Month.current()
    periods, month = [], first
    while month <= last:
        periods.append(str(month))
        month = month.shift(1)
    for period in [*periods, NOW]:
        refresh(period)
    return [*periods, NOW]
