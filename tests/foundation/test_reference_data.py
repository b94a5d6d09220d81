from __future__ import annotations

import pytest
from django.core.management import call_command

from accounts.models import CaseTypeCode, CourtJurisdiction, Membership, Organisation
from cases.models import DisputeCategory
from villages.models import Region

pytestmark = pytest.mark.django_db


def test_migrate_loads_every_division_of_zhanjiang():
    assert Region.objects.filter(level="county").count() == 9
    assert Region.objects.filter(level="town").count() == 125
    assert Region.objects.filter(level="village").count() == 1992


def test_the_seed_village_sits_under_guandu_town():
    gaoling = Region.objects.get(code="440804104207")
    assert gaoling.name == "高岭村委会"
    assert gaoling.parent.name == "官渡镇"
    assert gaoling.parent.parent.name == "坡头区"


def test_migrate_loads_the_courts_with_their_codes():
    courts = dict(Organisation.objects.courts().values_list("court_code", "name"))
    assert courts["粤08"] == "湛江市中级人民法院"
    assert courts["粤0802"] == "湛江市赤坎区人民法院"
    assert courts["粤0804"] == "湛江市坡头区人民法院"
    assert len(courts) == 11


def test_naozhou_is_heard_by_the_development_zone_court_not_by_its_county_court():
    assert CourtJurisdiction.court_for("440811173200").court_code == "粤0891"
    assert CourtJurisdiction.court_for("440811100200").court_code == "粤0811"


def test_every_village_has_a_committee_and_a_mediation_committee():
    assert Organisation.objects.filter(kind="village_committee").count() == 1992
    assert Organisation.objects.filter(kind="village_mediation_committee").count() == 1992
    committee = Organisation.objects.get(code="pmc-440804104207")
    assert committee.name == "高岭村人民调解委员会"


def test_each_county_has_a_one_stop_centre_with_a_window_and_workrooms():
    centre = Organisation.objects.get(code="centre-440882")
    kinds = list(centre.children.values_list("kind", flat=True))
    assert "centre_window" in kinds
    assert kinds.count("workroom") >= 7


def test_the_dispute_categories_of_domain_md_are_loaded():
    names = set(DisputeCategory.objects.values_list("name", flat=True))
    assert {
        "婚姻家庭",
        "邻里",
        "房屋宅基地",
        "劳动争议",
        "道路交通事故",
        "物业",
        "村务管理",
        "其他",
    } <= names
    assert len(names) == 16


def test_the_court_type_codes_are_loaded():
    assert {"民初", "民诉前调", "民特", "财保"} <= set(
        CaseTypeCode.objects.values_list("code", flat=True)
    )


def test_seed_demo_twice_leaves_the_same_rows():
    from legal_aid.demo import EXTRA_STAFF as LEGAL_AID_STAFF

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = _snapshot()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _snapshot() == first
    # 10 of accounts (one login per role), 高岭村's village mediator and 官渡镇's
    # mediator-and-head (3), 官渡镇's town officer (the same login), 6 of the police, petition
    # office and fast-track team, and legal aid's duty lawyer and arbitration clerk.
    assert len(first["memberships"]) == 20 + len(LEGAL_AID_STAFF)


def _snapshot():
    from django.contrib.auth import get_user_model

    return {
        "users": list(
            get_user_model().objects.order_by("pk").values_list("pk", "username", "password")
        ),
        "memberships": list(
            Membership.objects.order_by("pk").values_list(
                "pk", "user_id", "organisation_id", "role"
            )
        ),
        "organisations": Organisation.objects.count(),
    }
