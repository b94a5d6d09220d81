"""Homesteads: one household one homestead by any member's ID, the area cap, village review,
public notice, the town's decision within its own villages, the parcel register and its
disputes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.cases.factories import a_case
from village_affairs import services
from village_affairs.models import ApplicationStatus, HomesteadApplication, Parcel

from .conftest import GAOLING, IDS, an_application, an_application_in_notice, application_input

pytestmark = pytest.mark.django_db
API = "/api/v1/village-affairs/homestead-applications/"


def api_application(*ids: str, **overrides) -> dict:
    data = {
        "village": GAOLING,
        "head_name": "梁国华",
        "members": [
            {"name": f"成员{i}", "relation": "户主" if i == 0 else "家属", "id_number": n}
            for i, n in enumerate(ids or IDS[:1])
        ],
        "requested_area": "100.00",
        "terrain": "hill",
        "location": "北坡新村 15 号地",
        "reason": "分户建房",
    }
    data.update(overrides)
    return data


def test_a_clerk_registers_an_application_through_the_api(client, village_clerk):
    client.force_login(village_clerk)
    response = client.post(API, api_application(IDS[0], IDS[1]), content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "submitted"
    assert [m["id_number_masked"] for m in body["members"]] == [
        "440804********0016",
        "440804********0022",
    ]
    assert body["allowed"] == ["village_review"]
    assert IDS[0] not in response.content.decode()


def test_a_second_homestead_for_a_household_is_refused_by_any_member(client, village_clerk):
    # Given a household (members 2 and 3) that already holds a parcel
    services.register_parcel(
        actor=None,
        village_code=GAOLING,
        number="P-1",
        household_head="黄某",
        area=Decimal("90"),
        location="东坡",
        holders=(services.Member("黄某", "户主", IDS[2]), services.Member("黄妻", "妻子", IDS[3])),
    )
    client.force_login(village_clerk)
    # When a new household lists the wife as a member
    response = client.post(API, api_application(IDS[0], IDS[3]), content_type="application/json")
    # Then it is refused, naming the parcel, and nothing is registered
    assert response.status_code == 400
    assert "一户一宅" in response.json()["members"][0]
    assert "P-1" in response.json()["members"][0]
    assert not HomesteadApplication.objects.exists()


def test_an_open_application_blocks_its_members_from_another(client, village_clerk):
    first = an_application(IDS[0], IDS[1])
    client.force_login(village_clerk)
    response = client.post(
        f"/village-affairs/{GAOLING}/homesteads/",
        {
            "head_name": "另一户",
            "requested_area": "90",
            "terrain": "plain",
            "location": "南洋路口",
            "reason": "建房",
            "member0_name": "另一户",
            "member0_relation": "户主",
            "member0_id_number": IDS[1],
        },
    )
    assert response.status_code == 400
    assert first.number in response.content.decode()
    assert HomesteadApplication.objects.count() == 1


def test_an_area_over_the_cap_for_the_terrain_is_refused(client, village_clerk, settings):
    settings.HOMESTEAD_AREA_CAPS = {"plain": 80, "hill": 120, "mountain": 150}
    client.force_login(village_clerk)
    response = client.post(
        API, api_application(requested_area="81", terrain="plain"), content_type="application/json"
    )
    assert response.status_code == 400
    assert "80" in response.json()["requested_area"][0]
    assert (
        client.post(
            API,
            api_application(requested_area="120", terrain="hill"),
            content_type="application/json",
        ).status_code
        == 201
    )


def test_a_household_that_sold_its_house_gets_none():
    with pytest.raises(services.ValidationError) as refused:
        services.submit_application(
            actor=None,
            village_code=GAOLING,
            data=application_input(IDS[0], has_transferred_house=True),
        )
    assert "has_transferred_house" in refused.value.message_dict


def test_review_notice_and_town_approval_register_the_parcel(client, village_clerk, town_officer):
    application = an_application(IDS[0], IDS[1])
    client.force_login(village_clerk)
    base = f"/village-affairs/{GAOLING}/homesteads/{application.pk}/"
    client.post(base + "village_review/", {"agree": "1", "village_comment": "属实"})
    client.post(base + "notice/", {"notice_from": "2026-01-01", "notice_until": "2026-01-08"})
    # The clerk may not approve.
    assert client.post(base + "approve/", {"decision_reason": ""}).status_code == 403
    client.force_login(town_officer)
    response = client.post(
        f"{API}{application.pk}/approve/", {"reason": "符合规划"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "approved"
    parcel = Parcel.objects.get(application=application)
    assert parcel.area == Decimal("100.00")
    assert parcel.holders.count() == 2
    # The approved household cannot apply again.
    with pytest.raises(services.ValidationError):
        an_application(IDS[1])


def test_refusal_needs_a_reason(client, town_officer):
    application = an_application_in_notice(IDS[0])
    client.force_login(town_officer)
    url = f"{API}{application.pk}/refuse/"
    assert client.post(url, {"reason": ""}, content_type="application/json").status_code == 400
    response = client.post(url, {"reason": "不符合村庄规划"}, content_type="application/json")
    assert response.json()["status"] == "refused"
    assert response.json()["decision_reason"] == "不符合村庄规划"


def test_a_town_cannot_approve_outside_its_villages(client, other_town_officer):
    application = an_application_in_notice(IDS[0])
    client.force_login(other_town_officer)
    assert (
        client.post(
            f"{API}{application.pk}/approve/", {}, content_type="application/json"
        ).status_code
        == 404
    )
    assert client.get(f"{API}{application.pk}/").status_code == 404
    assert client.get(API).json() == []
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NOTICE


def test_a_wrong_step_answers_409_with_the_allowed_steps(client, town_officer):
    application = an_application(IDS[0])
    client.force_login(town_officer)
    response = client.post(f"{API}{application.pk}/approve/", {}, content_type="application/json")
    assert response.status_code == 409
    assert response.json()["code"] == "wrong_state"
    assert response.json()["allowed_states"] == ["notice"]


def test_a_homestead_dispute_links_to_its_parcel_and_the_parcel_shows_it(
    client, village_clerk, window_clerk
):
    parcel = services.register_parcel(
        actor=None,
        village_code=GAOLING,
        number="P-9",
        household_head="黄某",
        area=Decimal("90"),
        location="东坡",
        holders=(services.Member("黄某", "户主", IDS[2]),),
    )
    case = a_case(actor=window_clerk)
    services.link_dispute(actor=village_clerk, parcel=parcel, case=case)
    client.force_login(village_clerk)
    page = client.get(f"/village-affairs/{GAOLING}/parcels/{parcel.pk}/").content.decode()
    assert case.number in page
    data = client.get(f"/api/v1/village-affairs/parcels/{parcel.pk}/").json()
    assert data["disputes"] == [{"case_id": case.pk, "case_number": case.number}]
    assert [e["kind"] for e in data["history"]] == ["registered", "dispute_linked"]


def test_another_villages_parcels_are_not_found(client, other_village_clerk):
    parcel = services.register_parcel(
        actor=None,
        village_code=GAOLING,
        number="P-2",
        household_head="黄某",
        area=Decimal("90"),
        location="东坡",
        holders=(services.Member("黄某", "户主", IDS[2]),),
    )
    client.force_login(other_village_clerk)
    assert client.get(f"/api/v1/village-affairs/parcels/{parcel.pk}/").status_code == 404
    assert client.get(f"/village-affairs/{GAOLING}/parcels/{parcel.pk}/").status_code == 404
    assert client.get("/api/v1/village-affairs/parcels/").json() == []


def test_an_application_on_notice_is_shown_on_the_public_village_page(client):
    application = an_application_in_notice(IDS[0])
    page = client.get(f"/villages/{GAOLING}/").content.decode()
    assert "宅基地申请公示" in page
    assert application.number in page
    assert IDS[0] not in page
