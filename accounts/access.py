"""The one permission funnel: what a user may see and act on, from role and organisation.

An organisation's staff see its whole subtree. A centre's supervisor also oversees the town
and village mediation committees of the centre's county (they sit under the justice bureau in
the tree, but the centre answers for every dispute of the county), and a town committee's
staff oversee its villages' committees, which are below it. City leaders and administrators see
the whole city; city leaders only look. Only active memberships of active organisations, held
by active users, count: for seeing and for acting alike, on every path.

Pages, the API and querysets all ask these functions, and an object outside a user's scope is
answered as if it did not exist (404); inside it, a verb the user may not do is refused by the
verb's declaration (``accounts.verbs``).
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from .models import (
    CITY_WIDE_ROLES,
    READ_ONLY_ROLES,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
)


@dataclass(frozen=True)
class Scope:
    """A user's reach. ``city_wide`` overrides the organisation sets."""

    city_wide: bool = False
    may_act_city_wide: bool = False
    visible: frozenset[int] = frozenset()
    # role -> organisation ids (subtrees included) where the user holds that role.
    roles: dict[str, frozenset[int]] = field(default_factory=dict)

    def sees(self, organisation_id: int | None) -> bool:
        return self.city_wide or organisation_id in self.visible

    def acts(self, organisation_id: int | None, roles: AbstractSet[str] | None = None) -> bool:
        if self.may_act_city_wide:
            return True
        wanted = roles or set(self.roles) - READ_ONLY_ROLES
        return any(organisation_id in self.roles.get(role, ()) for role in wanted)

    def role_names(self) -> set[str]:
        return set(self.roles)

    @property
    def is_staff_member(self) -> bool:
        """Holds at least one active membership that may act (a read-only leader does not)."""
        return self.may_act_city_wide or bool(set(self.roles) - READ_ONLY_ROLES)

    def holds(self, role: str) -> bool:
        return role in self.roles


EMPTY_SCOPE = Scope()


def scope_of(user) -> Scope:
    """Computed once per request and kept on the user object."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", True):
        return EMPTY_SCOPE
    cached = getattr(user, "_portal_scope", None)
    if cached is not None:
        return cached
    memberships = Membership.objects.active().filter(user=user)
    roots_by_role: dict[str, set[int]] = {}
    overseen_counties: set[str] = set()
    for organisation_id, role, kind, parent_id, region_id in memberships.values_list(
        "organisation_id",
        "role",
        "organisation__kind",
        "organisation__parent_id",
        "organisation__region_id",
    ):
        root = _scope_root(role, organisation_id, kind, parent_id)
        roots_by_role.setdefault(role, set()).add(root)
        if _oversees_county(role, kind, region_id):
            overseen_counties.add(region_id)
    if overseen_counties:
        roots_by_role[Role.CENTRE_SUPERVISOR] |= _town_committees(overseen_counties)
    roles = {role: frozenset(_subtree(roots)) for role, roots in roots_by_role.items()}
    is_admin = user.is_superuser or "administrator" in roles
    scope = Scope(
        city_wide=is_admin or bool(CITY_WIDE_ROLES & set(roles)),
        may_act_city_wide=is_admin,
        visible=frozenset().union(*roles.values()) if roles else frozenset(),
        roles=roles,
    )
    user._portal_scope = scope
    return scope


def _scope_root(role: str, organisation_id: int, kind: str, parent_id: int | None) -> int:
    """A reception window receives for its whole centre: its clerks see and route the
    centre's cases, not only the window's."""
    if role == Role.WINDOW_CLERK and kind == OrganisationKind.CENTRE_WINDOW and parent_id:
        return parent_id
    return organisation_id


COUNTY_CODE_LENGTH = 6


def _oversees_county(role: str, kind: str, region_id: str | None) -> bool:
    """A county centre's supervisor oversees the county's town and village committees."""
    return (
        role == Role.CENTRE_SUPERVISOR
        and kind == OrganisationKind.ONE_STOP_CENTRE
        and len(region_id or "") == COUNTY_CODE_LENGTH
    )


def _town_committees(county_codes: set[str]) -> set[int]:
    """The town mediation committees of the counties whose centre a supervisor runs."""
    found = Organisation.objects.filter(
        kind=OrganisationKind.TOWN_MEDIATION_COMMITTEE, is_active=True
    ).filter(_region_in(county_codes))
    return set(found.values_list("id", flat=True))


def _region_in(county_codes: set[str]) -> Q:
    condition = Q(pk__in=[])
    for code in sorted(county_codes):
        condition |= Q(region__code__startswith=code)
    return condition


def _subtree(roots: set[int]) -> set[int]:
    """The roots and everything below them: one query per role, and a user rarely holds
    more than two."""
    return Organisation.objects.subtree_ids(roots)


def acting_roles(user) -> set[str]:
    """The roles through which the user may act (a read-only leader holds none)."""
    return scope_of(user).role_names() - READ_ONLY_ROLES


def staffed_organisations(organisation_ids, roles: Iterable[str] | None = None) -> set[int]:
    """Of the given organisations, those where an active user holds an active membership in
    one of ``roles`` (any role that may act, by default): the ones that can receive work."""
    wanted = set(roles) if roles else (set(Role.values) - READ_ONLY_ROLES - {Role.ADMINISTRATOR})
    rows = Membership.objects.active().filter(
        organisation_id__in=list(organisation_ids), role__in=sorted(wanted), user__is_active=True
    )
    return set(rows.values_list("organisation_id", flat=True).distinct())


def may_view(user, organisation_id: int | None) -> bool:
    return scope_of(user).sees(organisation_id)


def may_act(user, organisation_id: int | None, roles: AbstractSet[str] | None = None) -> bool:
    return scope_of(user).acts(organisation_id, roles)


def scoped(user, queryset: QuerySet, organisation_field: str = "organisation") -> QuerySet:
    """Restrict a queryset to the objects whose organisation the user can see."""
    scope = scope_of(user)
    if scope.city_wide:
        return queryset
    if not scope.visible:
        return queryset.none()
    return queryset.filter(**{f"{organisation_field}_id__in": sorted(scope.visible)})
