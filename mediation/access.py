"""Who may do what in mediation: the rules each verb of ``mediation.verbs`` names, and the
lists a verb's targets come from (the page offers them; the service refuses anything else).
A case outside a user's reach is 404, as everywhere."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.access import may_act, scope_of
from accounts.models import Organisation, OrganisationKind, Role
from cases.access import cases_for_user, is_assignee
from cases.models import Case

WORKING_ROLES = {Role.MEDIATOR, Role.CENTRE_SUPERVISOR, Role.ADMINISTRATOR}
ROUTING_ROLES = {Role.WINDOW_CLERK, Role.CENTRE_SUPERVISOR, Role.ADMINISTRATOR}
SUPERVISING_ROLES = {Role.CENTRE_SUPERVISOR, Role.ADMINISTRATOR}


def get_mediation_case(user, pk) -> Case:
    try:
        return (
            cases_for_user(user)
            .select_related("organisation", "category", "village", "assignee")
            .get(pk=pk)
        )
    except (Case.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("case not found") from exc


def may_route(user, case: Case) -> bool:
    return may_act(user, case.organisation_id, ROUTING_ROLES)


def may_work(user, case: Case) -> bool:
    """The assignee, the organisation's mediators, and the supervisors over it."""
    return is_assignee(user, case) or may_act(user, case.organisation_id, WORKING_ROLES)


def may_supervise(user, case: Case) -> bool:
    return may_act(user, case.organisation_id, SUPERVISING_ROLES)


def may_accept(user, case: Case) -> bool:
    """The assignee, or while nobody is assigned, a mediator of the organisation."""
    if case.assignee_id is not None:
        return is_assignee(user, case)
    return may_act(user, case.organisation_id, {Role.MEDIATOR})


def may_turn_away(user, case: Case) -> bool:
    """Not accepting a case is for whoever works it or routes it."""
    return may_work(user, case) or may_route(user, case)


def centre_code(case: Case) -> str:
    return f"centre-{case.county_code}"


def route_targets(case: Case) -> QuerySet[Organisation]:
    """Where a case may be routed by hand: its village's and town's committees and the
    workrooms of its county's centre. The page's list and the API's check are this."""
    return Organisation.objects.filter(
        Q(code__in=[f"pmc-{case.village_id}", f"pmc-{case.town_code}"])
        | Q(kind=OrganisationKind.WORKROOM, parent__code=centre_code(case)),
        is_active=True,
    ).order_by("kind", "code")


def session_rooms(case: Case) -> QuerySet[Organisation]:
    """The rooms a session of this case may be booked in: its own county centre's."""
    return Organisation.objects.filter(
        kind=OrganisationKind.WORKROOM, parent__code=centre_code(case), is_active=True
    ).order_by("code")


def get_room_for_user(user, pk) -> Organisation:
    scope = scope_of(user)
    room = Organisation.objects.filter(pk=pk, kind="workroom").first()
    if room is None:
        raise Http404("room not found")
    # Anyone working in the centre (its own staff or any of its rooms) sees its rooms.
    centre_ids = {room.parent_id} | set(
        Organisation.objects.filter(parent_id=room.parent_id).values_list("id", flat=True)
    )
    if not (scope.city_wide or centre_ids & scope.visible):
        raise Http404("room not found")
    return room
