"""Who reaches which village's registers, from the roles ``accounts.access`` reports.

A village clerk keeps the registers of the village whose committee they sit in; a village
mediator (a mediator of the village's people's mediation committee) keeps its ledger; a town
officer reviews and approves for every village of the town; city leaders and administrators see
every village. Every fetch starts from the user and a village out of reach answers 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.access import scope_of
from accounts.models import Organisation, OrganisationKind, Role

# role -> the organisation kind through which it reaches a village (or a town).
REACH = {
    Role.VILLAGE_CLERK: OrganisationKind.VILLAGE_COMMITTEE,
    Role.MEDIATOR: OrganisationKind.VILLAGE_MEDIATION_COMMITTEE,
    Role.TOWN_OFFICER: OrganisationKind.TOWN_GOVERNMENT,
}


@dataclass(frozen=True)
class VillageReach:
    clerk_of: frozenset[str] = frozenset()
    mediator_of: frozenset[str] = frozenset()
    town_of: frozenset[str] = frozenset()
    city_wide: bool = False
    acts_city_wide: bool = False

    @property
    def villages(self) -> frozenset[str]:
        return self.clerk_of | self.mediator_of

    def sees(self, village_code: str) -> bool:
        return self.city_wide or village_code in self.villages or village_code[:9] in self.town_of

    def keeps(self, village_code: str) -> bool:
        return self.acts_city_wide or village_code in self.clerk_of

    def mediates(self, village_code: str) -> bool:
        return self.acts_city_wide or village_code in self.mediator_of

    def governs(self, village_code: str) -> bool:
        return self.acts_city_wide or village_code[:9] in self.town_of

    def filter(self, queryset: QuerySet, prefix: str = "") -> QuerySet:
        """The rows of the villages this user sees; ``prefix`` reaches a record through a
        relation (``"posting__"``)."""
        if self.city_wide:
            return queryset
        if not (self.villages or self.town_of):
            return queryset.none()
        condition = Q(**{f"{prefix}village_id__in": sorted(self.villages)})
        if self.town_of:
            condition |= Q(**{f"{prefix}town_code__in": sorted(self.town_of)})
        return queryset.filter(condition)


def reach_of(user) -> VillageReach:
    """Computed once per request and kept on the user object."""
    cached = getattr(user, "_village_reach", None)
    if cached is not None:
        return cached
    scope = scope_of(user)
    wanted = {org_id: role for role in REACH for org_id in scope.roles.get(role, ())}
    found: dict[str, set[str]] = {role: set() for role in REACH}
    if wanted:
        rows = Organisation.objects.filter(pk__in=wanted, is_active=True)
        for pk, kind, region_id in rows.values_list("pk", "kind", "region_id"):
            if region_id and REACH[wanted[pk]] == kind:
                found[wanted[pk]].add(region_id)
    reach = VillageReach(
        clerk_of=frozenset(found[Role.VILLAGE_CLERK]),
        mediator_of=frozenset(found[Role.MEDIATOR]),
        town_of=frozenset(found[Role.TOWN_OFFICER]),
        city_wide=scope.city_wide,
        acts_city_wide=scope.may_act_city_wide,
    )
    if getattr(user, "is_authenticated", False):
        user._village_reach = reach
    return reach


def get_for_user(user, queryset: QuerySet, pk, prefix: str = ""):
    """One record of the user's villages, or 404 (missing and not yours alike)."""
    try:
        return reach_of(user).filter(queryset, prefix).get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("not found") from exc


def village_for_user(user, code: str):
    from villages.models import Region

    if not reach_of(user).sees(code):
        raise Http404("village not found")
    try:
        return Region.objects.villages().get(code=code)
    except Region.DoesNotExist as exc:
        raise Http404("village not found") from exc


# Rules of who, for the verbs.
def may_keep(user, obj) -> bool:
    return reach_of(user).keeps(obj.village_id)


def may_mediate(user, obj) -> bool:
    return reach_of(user).mediates(obj.village_id)


def may_govern(user, obj) -> bool:
    return reach_of(user).governs(obj.village_id)


def may_answer(user, question) -> bool:
    return reach_of(user).keeps(question.posting.village_id)
