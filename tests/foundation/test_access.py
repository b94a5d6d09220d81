from __future__ import annotations

import pytest

from accounts.access import may_act, may_view, scoped
from accounts.models import Membership
from tests.conftest import org

pytestmark = pytest.mark.django_db


def test_a_centre_supervisor_sees_the_centre_and_its_workrooms(supervisor):
    assert may_view(supervisor, org("centre-440804").pk)
    assert may_view(supervisor, org("room-440804-family").pk)
    assert not may_view(supervisor, org("centre-440882").pk)


def test_a_mediator_sees_their_workroom_but_not_the_rest_of_the_centre(mediator):
    assert may_view(mediator, org("room-440804-family").pk)
    assert not may_view(mediator, org("room-440804-labour").pk)


def test_a_county_bureau_sees_its_town_and_village_committees(bureau_officer):
    assert may_view(bureau_officer, org("pmc-440804104").pk)
    assert may_view(bureau_officer, org("pmc-440804104207").pk)
    assert not may_view(bureau_officer, org("pmc-440882100").pk)


def test_a_city_leader_sees_everything_but_acts_on_nothing(city_leader):
    assert may_view(city_leader, org("pmc-440882100").pk)
    assert not may_act(city_leader, org("pmc-440882100").pk)


def test_acting_can_be_limited_to_roles(supervisor):
    room = org("room-440804-family").pk
    assert may_act(supervisor, room)
    assert may_act(supervisor, room, {"centre_supervisor"})
    assert not may_act(supervisor, room, {"mediator"})


def test_the_same_helper_scopes_querysets(mediator, other_town_mediator):
    visible = scoped(other_town_mediator, Membership.objects.all())
    assert set(visible.values_list("user__username", flat=True)) == {"mediator_leizhou"}


def test_an_anonymous_user_sees_nothing():
    from django.contrib.auth.models import AnonymousUser

    assert not may_view(AnonymousUser(), org("centre-440804").pk)


def test_a_window_clerk_sees_the_whole_centre_they_receive_for(window_clerk):
    assert may_view(window_clerk, org("centre-440804").pk)
    assert may_view(window_clerk, org("room-440804-labour").pk)
    assert may_act(window_clerk, org("centre-440804").pk, {"window_clerk"})
    assert not may_view(window_clerk, org("centre-440882").pk)
