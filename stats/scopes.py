"""Which scope a figure is counted for, and who may look at it.

A scope is written as the API takes it: a region code (the city 440800, a county, a town) or
an organisation's code (its whole subtree). The city leader and administrators see every
scope; supervisors, bureau officers and court clerks the organisations they work in and the
regions those organisations serve. Anything else answers 404, as for any object out of reach.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _

from accounts.access import scope_of
from accounts.models import Membership, Organisation, Role
from villages.models import CITY_CODE, Region

from .rollups import org_scope, region_scope

# Roles that look at statistics (the city-wide ones see everything anyway).
STATS_ROLES = frozenset(
    {Role.CENTRE_SUPERVISOR, Role.BUREAU_OFFICER, Role.COURT_CLERK, Role.LEGAL_AID_OFFICER}
)
REGION_LEVELS = (Region.Level.CITY, Region.Level.COUNTY, Region.Level.TOWN)


@dataclass(frozen=True)
class StatsScope:
    key: str  # the rollup scope: org:<id> or region:<code>
    code: str  # as written in the API: a region code or an organisation code
    name: str
    link: dict  # the case list's filters that select the same cases
    organisation: Organisation | None = None
    region: Region | None = None

    @property
    def is_court(self) -> bool:
        return bool(self.organisation and self.organisation.is_court)


def parse(code: str) -> StatsScope | None:
    code = (code or "").strip()
    if code.isdigit():
        region = Region.objects.filter(code=code, level__in=REGION_LEVELS).first()
        if region is None:
            return None
        link = {} if region.code == CITY_CODE else {"region": region.code}
        return StatsScope(region_scope(region.code), region.code, region.name, link, region=region)
    organisation = Organisation.objects.filter(code=code).first() if code else None
    if organisation is None:
        return None
    return StatsScope(
        org_scope(organisation.pk),
        organisation.code,
        organisation.name,
        {"organisation": organisation.code},
        organisation=organisation,
    )


def may_see(user, scope: StatsScope) -> bool:
    reach = scope_of(user)
    if reach.city_wide:
        return True
    if scope.organisation is not None:
        return any(scope.organisation.pk in reach.roles.get(role, ()) for role in STATS_ROLES)
    return any(scope.code.startswith(prefix) for prefix in _region_prefixes(user))


def _region_prefixes(user) -> set[str]:
    rows = (
        Membership.objects.active()
        .filter(user=user, role__in=STATS_ROLES, organisation__region__isnull=False)
        .values_list("organisation__region_id", flat=True)
    )
    return {code if code != CITY_CODE else "" for code in rows}


def may_use_stats(user) -> bool:
    reach = scope_of(user)
    return reach.city_wide or bool(STATS_ROLES & set(reach.roles))


def scope_for(user, code: str) -> StatsScope:
    """The scope asked for, or 404 when it does not exist or is out of the user's reach."""
    scope = parse(code)
    if scope is None or not may_see(user, scope):
        raise Http404(_("没有这个统计范围，或您无权查看。"))
    return scope


def default_scope(user) -> StatsScope:
    """The city for city-wide users; else the region of the first organisation where the user
    holds a statistics role (a bureau officer sees the county), or that organisation."""
    if scope_of(user).city_wide:
        return parse(CITY_CODE)
    membership = (
        Membership.objects.active()
        .filter(user=user, role__in=STATS_ROLES)
        .select_related("organisation")
        .order_by("organisation__code")
        .first()
    )
    if membership is None:
        raise Http404(_("没有这个统计范围，或您无权查看。"))
    organisation = membership.organisation
    if membership.role == Role.BUREAU_OFFICER and organisation.region_id:
        return parse(organisation.region_id)
    return parse(organisation.code)
