from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import get_user_model

from accounts.models import Role
from accounts.verbs import ActionRefused
from cases.models import CaseStatus
from deadlines.models import Deadline
from petitions import services
from petitions.models import Petition, PetitionStatus
from tests.conftest import make_staff, org
from transfers.models import Transfer

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)


@pytest.fixture
def officer(db):
    return make_staff("petition_potou", Role.PETITION_OFFICER, "petition-440804")


@pytest.fixture
def head(db):
    return make_staff("petition_head", Role.CENTRE_SUPERVISOR, "petition-440804")


def register(officer, **extra) -> Petition:
    data = {
        "office": org("petition-440804"),
        "petitioner_name": "梁某",
        "petitioner_phone": "13800138000",
        "matter": "反映排水沟改道纠纷。",
        "channel": "visit",
        "village_code": "440804104207",
        **extra,
    }
    petition, _password = services.register_petition(
        data=services.PetitionInput(**data), actor=officer
    )
    return petition


def clock(petition, kind):
    return Deadline.objects.get(case=petition.case, kind=kind)


def test_a_registered_petition_waits_for_a_decision_within_15_days(officer):
    with time_machine.travel(START, tick=False):
        petition = register(officer)

    assert petition.status == PetitionStatus.REGISTERED
    assert petition.case.organisation == org("petition-440804")
    assert petition.case.number.startswith("坡头信访〔")
    # Out of the mediation routing's reach: the office handles it.
    assert petition.case.status == CaseStatus.ROUTED
    assert clock(petition, "petition_accept").due_date == dt.date(2026, 12, 16)


def test_a_group_petition_is_flagged(officer):
    petition = register(officer, group_size=8)

    assert petition.is_group


def test_accepting_tells_the_petitioner_and_starts_the_60_day_clock(officer):
    petition = register(officer)

    petition = services.decide(petition, accepted=True, notice="电话告知已受理。", actor=officer)

    assert petition.status == PetitionStatus.ACCEPTED
    assert petition.decision_notice == "电话告知已受理。"
    assert clock(petition, "petition_accept").met_at is not None
    assert clock(petition, "petition_conclude").met_at is None
    assert petition.case.events.filter(kind="petition_decided").exists()


def test_not_accepting_ends_the_petition(officer):
    petition = register(officer)

    petition = services.decide(petition, accepted=False, notice="告知走诉讼途径。", actor=officer)

    petition.case.refresh_from_db()
    assert petition.status == PetitionStatus.NOT_ACCEPTED
    assert petition.case.status == CaseStatus.NOT_ACCEPTED
    assert not Deadline.objects.filter(case=petition.case, kind="petition_conclude").exists()


def test_handing_to_a_workroom_makes_a_dispute_case_linked_both_ways(officer, client):
    petition = services.decide(register(officer), accepted=True, notice="已受理。", actor=officer)
    room = org("room-440804-family")
    # Someone works in the room, so the hand-over places the dispute there (not up the ladder).
    make_staff("family_room_mediator", Role.MEDIATOR, "room-440804-family")

    petition = services.hand_over(
        petition, target=room, note="请调处。", has_consent=True, actor=officer
    )

    dispute = petition.dispute_case
    assert petition.status == PetitionStatus.TRANSFERRED
    assert dispute.organisation == room
    assert dispute.channel == "petition_transfer"
    assert dispute.status == CaseStatus.ROUTED
    transfer = Transfer.objects.get(kind="assign_petition")
    assert (transfer.case, transfer.to_organisation) == (dispute, room)
    # The dispute comes from the petition: the two are linked, not possible duplicates.
    assert dispute.possible_duplicate_of is None
    assert not dispute.events.filter(kind="possible_duplicate").exists()
    assert not petition.case.events.filter(kind="possible_duplicate").exists()
    mediator = make_staff("family_mediator", Role.MEDIATOR, "room-440804-family")
    client.force_login(mediator)
    page = client.get(f"/cases/{dispute.pk}/").content.decode()
    assert petition.case.number in page
    client.force_login(officer)
    page = client.get(f"/cases/{petition.case.pk}/").content.decode()
    assert dispute.number in page


def test_handing_to_another_body_transfers_the_petition_itself(officer):
    petition = services.decide(register(officer), accepted=True, notice="已受理。", actor=officer)

    petition = services.hand_over(
        petition,
        target=org("legalaid-440804"),
        note="申请法律援助。",
        has_consent=True,
        actor=officer,
    )

    assert petition.dispute_case is None
    assert Transfer.objects.get(kind="assign_petition").case == petition.case


def test_handing_to_another_county_is_refused(officer):
    petition = services.decide(register(officer), accepted=True, notice="已受理。", actor=officer)

    with pytest.raises(ActionRefused) as refused:
        services.hand_over(
            petition,
            target=org("room-440882-family"),
            note="请调处。",
            has_consent=True,
            actor=officer,
        )

    assert refused.value.code == "invalid_target"
    assert Petition.objects.get().status == PetitionStatus.ACCEPTED


def test_a_reply_within_the_clock_closes_it_and_opens_the_review_window(officer):
    with time_machine.travel(START, tick=False):
        petition = services.decide(
            register(officer), accepted=True, notice="已受理。", actor=officer
        )
    with time_machine.travel(START + dt.timedelta(days=50), tick=False):
        petition = services.reply(petition, text="已协调恢复排水沟。", actor=officer)

    assert petition.status == PetitionStatus.REPLIED
    assert clock(petition, "petition_conclude").met_at is not None
    assert clock(petition, "petition_review_request").met_at is None


def test_a_reply_after_the_clock_without_an_approved_extension_is_refused(officer):
    with time_machine.travel(START, tick=False):
        petition = services.decide(
            register(officer), accepted=True, notice="已受理。", actor=officer
        )
    with (
        time_machine.travel(START + dt.timedelta(days=70), tick=False),
        pytest.raises(ActionRefused) as refused,
    ):
        services.reply(petition, text="答复。", actor=officer)

    assert "未经批准延长" in refused.value.message
    assert Petition.objects.get().status == PetitionStatus.ACCEPTED


def test_a_reply_after_the_first_60_days_is_allowed_with_an_approved_extension(officer, head):
    with time_machine.travel(START, tick=False):
        petition = services.decide(
            register(officer), accepted=True, notice="已受理。", actor=officer
        )
        petition = services.extend(
            petition, days=30, reason="情况复杂。", approved_by=head, actor=officer
        )
    with time_machine.travel(START + dt.timedelta(days=70), tick=False):
        petition = services.reply(petition, text="答复。", actor=officer)

    assert petition.status == PetitionStatus.REPLIED


def test_an_extension_beyond_30_days_or_without_the_head_is_refused(officer):
    petition = services.decide(register(officer), accepted=True, notice="已受理。", actor=officer)
    head = make_staff("head2", Role.CENTRE_SUPERVISOR, "petition-440804")

    with pytest.raises(ActionRefused):
        services.extend(petition, days=31, reason="复杂。", approved_by=head, actor=officer)
    with pytest.raises(ActionRefused):
        services.extend(petition, days=10, reason="复杂。", approved_by=officer, actor=officer)


def test_a_review_runs_on_its_own_clock(officer):
    petition = services.decide(register(officer), accepted=True, notice="已受理。", actor=officer)
    petition = services.reply(petition, text="答复。", actor=officer)

    petition = services.request_review(petition, reason="不满意。", actor=officer)
    assert clock(petition, "petition_review").met_at is None
    petition = services.answer_review(petition, text="维持。", actor=officer)

    assert petition.status == PetitionStatus.REVIEWED
    assert clock(petition, "petition_review").met_at is not None


def test_a_review_requested_after_its_window_is_refused(officer):
    with time_machine.travel(START, tick=False):
        petition = services.decide(
            register(officer), accepted=True, notice="已受理。", actor=officer
        )
        petition = services.reply(petition, text="答复。", actor=officer)
    with (
        time_machine.travel(START + dt.timedelta(days=40), tick=False),
        pytest.raises(ActionRefused),
    ):
        services.request_review(petition, reason="不满意。", actor=officer)


def test_someone_outside_the_office_may_not_decide(officer, mediator):
    petition = register(officer)

    with pytest.raises(ActionRefused) as refused:
        services.decide(petition, accepted=True, notice="已受理。", actor=mediator)

    assert refused.value.status == 403


def test_a_decision_twice_is_refused_with_the_allowed_states(officer):
    petition = register(officer)
    services.decide(petition, accepted=True, notice="已受理。", actor=officer)

    with pytest.raises(ActionRefused) as refused:
        services.decide(Petition.objects.get(), accepted=False, notice="x", actor=officer)

    assert refused.value.code == "wrong_state"


# Pages ----------------------------------------------------------------------------------


def test_the_office_registers_and_decides_through_the_pages(officer, client):
    client.force_login(officer)
    form = {
        "petitioner_name": "梁某",
        "petitioner_phone": "13800138000",
        "channel": "letter",
        "matter": "反映排水沟改道纠纷。",
        "village_code": "440804104207",
        "group_size": "1",
    }

    response = client.post("/petitions/new/", form, follow=True)

    petition = Petition.objects.get()
    assert "已登记信访事项" in response.content.decode()
    response = client.post(
        f"/petitions/{petition.pk}/decide/", {"accepted": "yes", "notice": "电话告知已受理。"}
    )
    assert response.status_code == 302
    assert Petition.objects.get().status == PetitionStatus.ACCEPTED
    page = client.get(f"/petitions/{petition.pk}/").content.decode()
    assert 'id="act-reply"' in page
    assert 'id="act-decide"' not in page


def test_a_bad_form_keeps_what_was_typed_and_says_why(officer, client):
    client.force_login(officer)

    response = client.post(
        "/petitions/new/",
        {"petitioner_name": "梁某", "channel": "visit", "matter": "事项", "village_code": "123"},
    )

    assert response.status_code == 200
    text = response.content.decode()
    assert "区划代码不存在" in text
    assert "梁某" in text
    assert not Petition.objects.exists()


def test_a_late_reply_on_the_page_shows_the_refusal_and_keeps_the_text(officer, client):
    with time_machine.travel(START, tick=False):
        petition = services.decide(
            register(officer), accepted=True, notice="已受理。", actor=officer
        )
    with time_machine.travel(START + dt.timedelta(days=70), tick=False):
        client.force_login(officer)
        response = client.post(f"/petitions/{petition.pk}/reply/", {"text": "我的答复草稿"})

    assert response.status_code == 409
    text = response.content.decode()
    assert "未经批准延长" in text
    assert "我的答复草稿" in text


def test_another_office_s_petition_is_not_found(officer, client):
    petition = register(officer)
    stranger = make_staff("petition_leizhou", Role.PETITION_OFFICER, "petition-440882")
    client.force_login(stranger)

    assert client.get(f"/petitions/{petition.pk}/").status_code == 404
    assert client.post(f"/petitions/{petition.pk}/decide/", {}).status_code == 404


def test_the_list_is_bounded_in_queries(officer, client, django_assert_max_num_queries):
    for n in range(5):
        register(officer, petitioner_name=f"信访人{n}")
    client.force_login(officer)

    with django_assert_max_num_queries(12):
        response = client.get("/petitions/?status=registered")

    assert response.content.decode().count("信访人") >= 5


def test_a_user_without_the_role_has_no_registration_page(client, mediator):
    client.force_login(mediator)

    assert client.get("/petitions/new/").status_code == 404
    assert get_user_model().objects.count() == 1


# API ------------------------------------------------------------------------------------


def test_the_api_registers_and_acts_like_the_pages(officer):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(officer)
    created = api.post(
        "/api/v1/petitions/",
        {
            "petitioner_name": "梁某",
            "channel": "phone",
            "matter": "反映排水沟改道纠纷。",
            "village_code": "440804104207",
            "group_size": 6,
        },
        format="json",
    )
    assert created.status_code == 201
    body = created.json()
    assert body["is_group"] is True
    assert body["allowed"] == ["decide"]

    decided = api.post(
        f"/api/v1/petitions/{body['id']}/decide/",
        {"accepted": "yes", "notice": "电话告知已受理。"},
        format="json",
    )
    assert decided.status_code == 200
    assert decided.json()["status"] == "accepted"

    again = api.post(
        f"/api/v1/petitions/{body['id']}/decide/",
        {"accepted": "no", "notice": "x"},
        format="json",
    )
    assert again.status_code == 409
    assert again.json()["code"] == "wrong_state"

    empty = api.post(f"/api/v1/petitions/{body['id']}/reply/", {"text": ""}, format="json")
    assert empty.status_code == 400
    assert "text" in empty.json()


def test_the_api_answers_404_for_another_office_s_petition(officer):
    from rest_framework.test import APIClient

    petition = register(officer)
    api = APIClient()
    api.force_authenticate(make_staff("petition_leizhou", Role.PETITION_OFFICER, "petition-440882"))

    assert api.get(f"/api/v1/petitions/{petition.pk}/").status_code == 404
    assert api.post(f"/api/v1/petitions/{petition.pk}/decide/", {}).status_code == 404
    assert api.get("/api/v1/petitions/").json()["results"] == []


def test_12368_tells_a_petitioner_the_petition_s_next_step(officer):
    from enquiries import services as enquiries

    petition, password = services.register_petition(
        data=services.PetitionInput(
            office=org("petition-440804"),
            petitioner_name="梁某",
            matter="事项。",
            channel="online",
            village_code="440804104207",
        ),
        actor=officer,
    )

    answer = enquiries.lookup(operator=officer, number=petition.case.number, password=password)

    assert answer.next_step == "信访部门将在15日内决定是否受理并告知信访人。"
    assert answer.handler == "湛江市坡头区信访局"
