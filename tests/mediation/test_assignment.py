from __future__ import annotations

import datetime as dt
import statistics
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts import pii
from accounts.verbs import ActionRefused
from cases.models import Case, CaseStatus
from mediation import assignment, services
from mediation.models import MediationFile, MediatorProfile
from tests.cases.factories import a_case
from tests.conftest import make_staff, org
from tests.mediation.factories import a_mediator, category

pytestmark = pytest.mark.django_db

ROOM = "room-440804-family"


def family_case(**overrides):
    overrides.setdefault("category", category("marriage_family"))
    overrides.setdefault("claim_amount", Decimal("80000"))
    return a_case(**overrides)


def test_the_mediator_with_the_fewest_open_cases_gets_the_next_one():
    busy = a_mediator("busy", ROOM)
    free = a_mediator("free", ROOM)
    services.route_case(case=family_case())  # goes to one of them
    first = Case.objects.get().assignee
    second = services.route_case(case=family_case()).assignee
    assert {first, second} == {busy, free}


def test_a_tie_goes_to_who_has_waited_longest_since_their_last_assignment():
    now = timezone.now()
    recent = a_mediator("recent", ROOM, last_assigned_at=now - dt.timedelta(hours=1))
    waiting = a_mediator("waiting", ROOM, last_assigned_at=now - dt.timedelta(days=3))
    assert services.route_case(case=family_case()).assignee == waiting
    assert recent.mediator_profile.last_assigned_at < now


def test_a_mediator_with_the_speciality_is_preferred_to_one_without():
    a_mediator("general", ROOM)
    specialist = a_mediator("specialist", ROOM, specialities=["marriage_family"])
    assert services.route_case(case=family_case()).assignee == specialist


def test_a_mediator_who_is_a_party_or_related_or_declared_a_conflict_is_never_assigned():
    applicant_hash = pii.lookup_hash("440802199001011238")
    a_mediator("self", ROOM, id_number="440802199001011238")
    a_mediator("relative", ROOM, relative_hashes=[applicant_hash])
    a_mediator("conflict", ROOM, conflict_hashes=[applicant_hash])
    clean = a_mediator("clean", ROOM, last_assigned_at=timezone.now())
    for _ in range(3):
        assert services.route_case(case=family_case()).assignee == clean


def test_with_nobody_eligible_the_case_waits_for_the_supervisor():
    a_mediator("relative", ROOM, relative_hashes=[pii.lookup_hash("440802199001011238")])
    case = services.route_case(case=family_case())
    assert case.status == CaseStatus.ROUTED
    assert case.assignee is None
    assert case.events.filter(kind="routed", text__contains="将尽快安排调解员").exists()
    # The supervisor sees it on the board among the unassigned.
    assert case.organisation == org(ROOM)


def test_the_parties_may_ask_for_a_named_mediator_from_the_roster():
    a_mediator("first", ROOM)
    named = a_mediator("named", ROOM, last_assigned_at=timezone.now())
    case = family_case()
    MediationFile.objects.filter(case=case).update(requested_mediator=named)
    assert services.route_case(case=case).assignee == named


def test_a_named_mediator_outside_the_roster_is_refused():
    a_mediator("family", ROOM)
    outsider = a_mediator("outsider", "room-440804-labour")
    case = services.route_case(case=family_case())
    with pytest.raises(services.MediationRefused):
        services.request_mediator(case=case, mediator=outsider, actor=None)
    assert not MediationFile.objects.filter(requested_mediator=outsider).exists()


def test_the_supervisor_reassigns_with_a_reason_and_a_mediator_may_not(supervisor):
    first = a_mediator("first", ROOM)
    second = a_mediator("second", ROOM, last_assigned_at=timezone.now())
    case = services.route_case(case=family_case())
    assert case.assignee == first
    with pytest.raises(ActionRefused):
        services.reassign(case=case, mediator=second, actor=first, reason="忙")
    case = services.reassign(case=case, mediator=second, actor=supervisor, reason="熟悉当事人方言")
    assert case.assignee == second
    assert case.events.filter(kind="reassigned", text__contains="熟悉当事人方言").exists()


def test_the_supervisor_cannot_reassign_to_a_related_mediator(supervisor):
    a_mediator("first", ROOM)
    related = a_mediator("related", ROOM, relative_hashes=[pii.lookup_hash("440802199001011238")])
    case = services.route_case(case=family_case())
    with pytest.raises(services.MediationRefused):
        services.reassign(case=case, mediator=related, actor=supervisor, reason="改派")
    case.refresh_from_db()
    assert case.assignee != related


def test_assignment_is_fair_over_five_hundred_cases():
    mediators = [a_mediator(f"m{i}", ROOM, specialities=["marriage_family"]) for i in range(7)]
    a_mediator("other_kind", ROOM, specialities=["labour"])
    cases = [family_case() for _ in range(500)]
    for case in cases:
        services.route_case(case=case)
    loads = [Case.objects.filter(assignee=m).count() for m in mediators]
    mean = statistics.mean(loads)
    assert all(abs(load - mean) <= 1 for load in loads)
    assert sum(loads) == 500


@pytest.mark.parametrize("roster_size", [2, 40])
def test_routing_and_assignment_take_the_same_few_queries_however_large_the_roster(
    django_assert_max_num_queries, roster_size
):
    for i in range(roster_size):
        a_mediator(f"m{i}", ROOM)
    case = family_case()
    # Savepoints included; the count does not grow with rules or mediators.
    with django_assert_max_num_queries(34):
        services.route_case(case=case)


def test_roster_counts_only_open_cases():
    mediator = a_mediator("m", ROOM)
    make_staff("window_x", "window_clerk", ROOM)
    case = services.route_case(case=family_case())
    services.not_accept(case=case, actor=mediator, reason="当事人拒绝调解")
    (candidate,) = assignment.roster(case.organisation)
    assert candidate.open_cases == 0
    assert MediatorProfile.objects.get(user=mediator).last_assigned_at is not None


def test_the_kept_open_loads_match_a_recount_after_a_busy_day(supervisor):
    from mediation import loads

    first = a_mediator("first", ROOM)
    second = a_mediator("second", ROOM)
    cases = [services.route_case(case=family_case()) for _ in range(6)]
    services.decline(case=cases[0], actor=cases[0].assignee, reason="回避")
    accepted = services.accept(case=Case.objects.get(pk=cases[1].pk), actor=cases[1].assignee)
    services.start_mediation(case=accepted, actor=accepted.assignee)
    services.withdraw(case=Case.objects.get(pk=accepted.pk), actor=accepted.assignee)
    services.not_accept(case=Case.objects.get(pk=cases[2].pk), actor=first, reason="拒绝调解")
    target = second if Case.objects.get(pk=cases[3].pk).assignee == first else first
    services.reassign(
        case=Case.objects.get(pk=cases[3].pk), mediator=target, actor=supervisor, reason="平衡"
    )
    kept = dict(MediatorProfile.objects.values_list("user_id", "open_cases"))
    loads.recount()
    assert dict(MediatorProfile.objects.values_list("user_id", "open_cases")) == kept
    assert sum(kept.values()) == Case.objects.open().exclude(assignee=None).count()
