"""Who may do what in mediation. A case outside a user's reach is 404, as everywhere."""

from __future__ import annotations

from django.http import Http404

from accounts.access import may_act, scope_of
from accounts.models import Organisation, Role
from cases.access import cases_for_user
from cases.models import Case

WORKING_ROLES = {Role.MEDIATOR, Role.CENTRE_SUPERVISOR, Role.ADMINISTRATOR}
ROUTING_ROLES = {Role.WINDOW_CLERK, Role.CENTRE_SUPERVISOR, Role.ADMINISTRATOR}


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
    return case.assignee_id == user.pk or may_act(user, case.organisation_id, WORKING_ROLES)


def may_supervise(user, case: Case) -> bool:
    return may_act(user, case.organisation_id, {Role.CENTRE_SUPERVISOR, Role.ADMINISTRATOR})


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
