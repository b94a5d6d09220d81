"""The one permission funnel: what a user may see and act on, from role and organisation.

An organisation's staff see its whole subtree. City leaders and administrators see the whole
city; city leaders only look. Pages, the API and querysets all ask these functions, and an
object outside a user's scope is answered as if it did not exist (404, never 403).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

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

    def acts(self, organisation_id: int | None, roles: set[str] | None = None) -> bool:
        if self.may_act_city_wide:
            return True
        wanted = roles or set(self.roles) - READ_ONLY_ROLES
        return any(organisation_id in self.roles.get(role, ()) for role in wanted)

    def role_names(self) -> set[str]:
        return set(self.roles)


EMPTY_SCOPE = Scope()


def scope_of(user) -> Scope:
    """Computed once per request and kept on the user object."""
    if not getattr(user, "is_authenticated", False):
        return EMPTY_SCOPE
    cached = getattr(user, "_portal_scope", None)
    if cached is not None:
        return cached
    memberships = Membership.objects.active().filter(user=user)
    roots_by_role: dict[str, set[int]] = {}
    for organisation_id, role, kind, parent_id in memberships.values_list(
        "organisation_id", "role", "organisation__kind", "organisation__parent_id"
    ):
        root = _scope_root(role, organisation_id, kind, parent_id)
        roots_by_role.setdefault(role, set()).add(root)
    all_roots = {org for roots in roots_by_role.values() for org in roots}
    below = _subtrees(all_roots)
    roles = {
        role: frozenset().union(*(below[root] for root in roots))
        for role, roots in roots_by_role.items()
    }
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


def _subtrees(roots: set[int]) -> dict[int, frozenset[int]]:
    """Each root's subtree; one query per root, and a user rarely has more than two."""
    return {root: frozenset(Organisation.objects.subtree_ids([root])) for root in roots}


def may_view(user, organisation_id: int | None) -> bool:
    return scope_of(user).sees(organisation_id)


def may_act(user, organisation_id: int | None, roles: set[str] | None = None) -> bool:
    return scope_of(user).acts(organisation_id, roles)


def scoped(user, queryset: QuerySet, organisation_field: str = "organisation") -> QuerySet:
    """Restrict a queryset to the objects whose organisation the user can see."""
    scope = scope_of(user)
    if scope.city_wide:
        return queryset
    if not scope.visible:
        return queryset.none()
    return queryset.filter(**{f"{organisation_field}_id__in": sorted(scope.visible)})
