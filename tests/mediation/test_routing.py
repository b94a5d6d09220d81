from __future__ import annotations

from decimal import Decimal

import pytest

from accounts.verbs import ActionRefused
from cases.models import CaseStatus
from mediation import services
from mediation.models import MediationFile, RoutingRule, TargetKind
from mediation.routing import choose_route
from tests.cases.factories import GAOLING, a_case
from tests.conftest import org
from tests.mediation.factories import GUANDU_TOWN, a_mediator, category

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _every_target_has_a_mediator(db):
    """These tests are about the rules: each place a rule sends a case has someone there,
    so the ladder (which passes over empty levels) does not move it."""
    for code in [
        f"pmc-{GAOLING}",
        f"pmc-{GUANDU_TOWN}",
        "room-440804-labour",
        "room-440804-family",
        "room-440804-petition",
        "room-440804-land",
    ]:
        a_mediator(f"m-{code}", code)


def test_a_small_neighbourhood_dispute_goes_first_to_its_village_committee_and_says_why():
    case = services.route_case(case=a_case(claim_amount=Decimal("3000")))
    assert case.status == CaseStatus.ROUTED
    assert case.organisation == org(f"pmc-{GAOLING}")
    file = MediationFile.objects.get(case=case)
    assert "小额婚姻家庭、邻里" in file.routing_reason
    assert case.events.filter(kind="routed", text__contains="分派规则").exists()


def test_a_labour_dispute_goes_to_the_county_centres_labour_workroom():
    case = services.route_case(case=a_case(category=category("labour")))
    assert case.organisation == org("room-440804-labour")


def test_a_large_family_dispute_goes_to_the_centres_family_workroom():
    case = a_case(category=category("marriage_family"), claim_amount=Decimal("80000"))
    assert services.route_case(case=case).organisation == org("room-440804-family")


def test_a_contract_dispute_goes_to_the_town_committee():
    case = services.route_case(case=a_case(category=category("contract")))
    assert case.organisation == org(f"pmc-{GUANDU_TOWN}")


def test_a_petition_transfer_goes_to_the_petition_workroom_whatever_its_category():
    case = a_case(category=category("contract"), channel="petition_transfer")
    assert services.route_case(case=case).organisation == org("room-440804-petition")


def test_a_case_no_rule_matches_waits_at_the_centre_window_for_manual_routing():
    RoutingRule.objects.update(is_active=False)
    case = services.route_case(case=a_case())
    assert case.status == CaseStatus.RECEIVED
    assert case.organisation == org("window-440804")
    assert "没有匹配的分派规则" in MediationFile.objects.get(case=case).routing_reason


def test_the_window_routes_an_unmatched_case_by_hand():
    RoutingRule.objects.update(is_active=False)
    case = services.route_case(case=a_case())
    case = services.route_manually(
        case=case, organisation=org("room-440804-land"), actor=None, reason="宅基地边界"
    )
    assert case.status == CaseStatus.ROUTED
    assert case.organisation == org("room-440804-land")
    assert MediationFile.objects.get(case=case).rule is None


def test_a_rule_changed_by_the_administrator_applies_to_the_next_case():
    case = a_case(category=category("labour"))
    assert choose_route(case).organisation == org("room-440804-labour")
    rule = RoutingRule.objects.get(name__startswith="劳动争议")
    rule.categories.set([category("traffic")])
    assert choose_route(case).organisation == org(f"pmc-{GUANDU_TOWN}")
    rule.categories.set([category("labour")])
    rule.workroom_key = "petition"
    rule.save()
    assert choose_route(case).organisation == org("room-440804-petition")


def test_overlapping_rules_resolve_to_the_first_by_position_every_time():
    RoutingRule.objects.update(is_active=False)
    later = RoutingRule.objects.create(
        position=20, name="乙", target_kind=TargetKind.ORGANISATION, target=org("room-440804-land")
    )
    first = RoutingRule.objects.create(
        position=10,
        name="甲",
        target_kind=TargetKind.ORGANISATION,
        target=org("room-440804-family"),
    )
    tie = RoutingRule.objects.create(
        position=10,
        name="丙",
        target_kind=TargetKind.ORGANISATION,
        target=org("room-440804-labour"),
    )
    case = a_case()
    choices = {choose_route(case).rule.pk for _ in range(5)}
    assert choices == {first.pk}
    assert later.position > first.position
    assert tie.pk > first.pk


def test_a_rule_matches_on_region_amount_and_channel():
    RoutingRule.objects.update(is_active=False)
    rule = RoutingRule.objects.create(
        position=1,
        name="官渡镇大额窗口案件",
        region_code=GUANDU_TOWN,
        min_amount=Decimal("1000"),
        max_amount=Decimal("5000"),
        channel="window",
        target_kind=TargetKind.TOWN_COMMITTEE,
    )
    rule.categories.set([category("neighbourhood")])
    matching = a_case(claim_amount=Decimal("5000"), channel="window")
    assert choose_route(matching).rule.pk == rule.pk
    for other in (
        a_case(claim_amount=Decimal("5000.01"), channel="window"),
        a_case(claim_amount=Decimal("999"), channel="window"),
        a_case(claim_amount=Decimal("3000"), channel="online"),
        a_case(claim_amount=Decimal("3000"), channel="window", category=category("labour")),
        a_case(claim_amount=Decimal("3000"), channel="window", village_code="440882100200"),
    ):
        assert choose_route(other).rule is None


def test_routing_a_case_twice_is_refused_and_changes_nothing():
    case = services.route_case(case=a_case())
    with pytest.raises(ActionRefused):
        services.route_case(case=case)
    assert case.events.filter(kind="routed").count() == 1


def test_leizhous_centre_has_thirty_five_workrooms():
    centre = org("centre-440882")
    assert centre.children.filter(kind="workroom").count() == 35
