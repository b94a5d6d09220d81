"""Who may act (issue: one declaration per verb): no case is left where nobody can act, the
page and the API refuse alike, and acting needs an active membership on every path."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import Membership
from cases.models import Case, CaseEvent, CaseStatus
from mediation import services, stranded
from mediation.models import MediationSession, SessionStatus
from notifications.models import Notification, OutboundMessage
from tests.cases.factories import GAOLING, a_case
from tests.cases.test_intake_pages import window_form
from tests.conftest import org
from tests.mediation.factories import a_mediator, category, in_mediation, tomorrow_at

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def page(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# No case without someone to act ------------------------------------------------------------


def test_a_village_dispute_goes_past_an_empty_village_committee_and_says_so():
    town_mediator = a_mediator("town_m", "pmc-440804104")
    case = services.route_case(case=a_case())  # neighbourhood: village first
    assert case.organisation == org("pmc-440804104")
    assert case.assignee == town_mediator
    routed = case.events.get(kind="routed")
    assert "暂无可办理人员" in routed.text
    assert org("pmc-440804104").name in routed.text


def test_a_village_dispute_stays_in_the_village_when_its_committee_has_a_mediator():
    village_mediator = a_mediator("village_m", f"pmc-{GAOLING}")
    case = services.route_case(case=a_case())
    assert case.organisation == org(f"pmc-{GAOLING}")
    assert case.assignee == village_mediator


def test_with_nobody_below_the_case_reaches_the_county_centre_and_its_supervisor_assigns(
    supervisor, mediator
):
    case = services.route_case(case=a_case())
    assert case.organisation == org("centre-440804")
    # The centre's roster is its workrooms' mediators: the supervisor can give it to one.
    response = api(supervisor).post(f"/api/v1/mediation/cases/{case.pk}/assign/")
    assert response.status_code == 200
    assert response.json()["assignee"] == mediator.pk


def test_the_public_timeline_never_promises_what_nobody_can_do():
    case = services.route_case(case=a_case())
    public = " ".join(case.events.filter(is_public=True).values_list("text", flat=True))
    assert "等待中心负责人指派" not in public


def test_the_centre_supervisor_sees_and_acts_on_the_county_committees_cases(supervisor):
    a_mediator("village_m", f"pmc-{GAOLING}")
    case = services.route_case(case=a_case())
    assert page(supervisor).get(f"/mediation/cases/{case.pk}/").status_code == 200
    board = page(supervisor).get("/mediation/board/")
    assert board.status_code == 200
    response = api(supervisor).post(
        f"/api/v1/mediation/cases/{case.pk}/reassign/",
        {"mediator": case.assignee_id, "reason": "核对"},
        format="json",
    )
    assert response.status_code == 200


def test_the_sweep_moves_up_a_case_whose_committee_was_emptied(supervisor):
    village_mediator = a_mediator("village_m", f"pmc-{GAOLING}")
    town_mediator = a_mediator("town_m", "pmc-440804104")
    case = services.route_case(case=a_case())
    assert case.organisation == org(f"pmc-{GAOLING}")
    Membership.objects.filter(user=village_mediator).update(is_active=False)

    assert stranded.sweep_stranded() == 1

    case.refresh_from_db()
    assert case.organisation == org("pmc-440804104")
    assert case.assignee == town_mediator
    assert case.events.filter(kind="stranded_moved_up").exists()
    assert Notification.objects.filter(recipient=supervisor, kind="case_stranded").exists()
    assert stranded.sweep_stranded() == 0  # nothing left to move: idempotent


def test_the_sweep_moves_up_a_case_nobody_accepted_in_time(supervisor, settings):
    settings.MEDIATION_ACCEPT_WORKING_HOURS = 8
    a_mediator("village_m", f"pmc-{GAOLING}")
    town_mediator = a_mediator("town_m", "pmc-440804104")
    case = services.route_case(case=a_case())
    long_ago = timezone.now() - dt.timedelta(days=10)
    Case.objects.filter(pk=case.pk).update(status_changed_at=long_ago)
    from mediation.models import MediationFile

    MediationFile.objects.filter(case=case).update(status_changed_at=long_ago)

    assert stranded.sweep_stranded() == 1
    case.refresh_from_db()
    assert case.organisation == org("pmc-440804104")
    assert case.assignee == town_mediator


# One declaration, both surfaces ---------------------------------------------------------------


def test_a_window_clerk_turns_a_case_away_alike_on_the_page_and_through_the_api(window_clerk):
    on_page = a_case(organisation=org("window-440804"))
    by_api = a_case(organisation=org("window-440804"))
    response = page(window_clerk).post(
        f"/mediation/cases/{on_page.pk}/not-accept/", {"not_accept-reason": "已起诉"}
    )
    assert response.status_code == 302
    response = api(window_clerk).post(
        f"/api/v1/mediation/cases/{by_api.pk}/not-accept/", {"reason": "已起诉"}, format="json"
    )
    assert response.status_code == 200
    assert Case.objects.get(pk=by_api.pk).status == CaseStatus.NOT_ACCEPTED


@pytest.mark.parametrize("target", ["room-440802-family", "lawfirm-none", "court-0804"])
def test_routing_to_an_organisation_not_on_the_page_is_refused_through_the_api(
    window_clerk, target
):
    case = a_case()
    response = api(window_clerk).post(
        f"/api/v1/mediation/cases/{case.pk}/route/", {"organisation": target}, format="json"
    )
    assert response.status_code == 400
    assert "organisation" in response.json()
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED
    assert case.organisation == org("centre-440804")


def test_routing_to_another_countys_room_is_refused_on_the_page(window_clerk):
    case = a_case()
    response = page(window_clerk).post(
        f"/mediation/cases/{case.pk}/route/",
        {"organisation": org("room-440802-family").pk, "reason": ""},
    )
    assert response.status_code == 400
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED


def test_a_room_of_another_county_cannot_be_booked_through_the_api(mediator):
    case = in_mediation(mediator)
    response = api(mediator).post(
        f"/api/v1/mediation/cases/{case.pk}/sessions/",
        {
            "starts_at": tomorrow_at(9).isoformat(),
            "ends_at": tomorrow_at(10).isoformat(),
            "room": org("room-440802-family").pk,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "room" in response.json()
    assert not MediationSession.objects.filter(case=case, status="scheduled").exists()


def test_a_refusal_carries_a_code_and_the_moves_open_to_the_caller(mediator, city_leader):
    case = in_mediation(mediator)
    response = api(mediator).post(f"/api/v1/mediation/cases/{case.pk}/accept/")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "wrong_state"
    assert "agreement" in body["allowed"]
    assert "accept" not in body["allowed"]
    response = api(city_leader).post(
        f"/api/v1/mediation/cases/{case.pk}/fail/", {"reason": "x"}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert response.json()["allowed"] == []


def test_a_verb_posted_twice_at_once_succeeds_once(mediator):
    case = services.route_case(
        case=a_case(category=category("marriage_family"), claim_amount=90000)
    )
    first = api(mediator).post(f"/api/v1/mediation/cases/{case.pk}/accept/")
    second = api(mediator).post(f"/api/v1/mediation/cases/{case.pk}/accept/")
    assert first.status_code == 200
    assert second.status_code == 409
    assert case.events.filter(kind="accepted").count() == 1


# Active memberships only ----------------------------------------------------------------------


def test_a_switched_off_mediator_loses_their_assigned_cases_at_the_next_request(mediator):
    case = in_mediation(mediator)
    client = page(mediator)
    assert client.get(f"/mediation/cases/{case.pk}/").status_code == 200
    Membership.objects.filter(user=mediator).update(is_active=False)
    assert client.get(f"/mediation/cases/{case.pk}/").status_code == 404
    # A fresh request loads the user afresh, as the server does.
    response = api(get_user_model().objects.get(pk=mediator.pk)).post(
        f"/api/v1/mediation/cases/{case.pk}/follow-ups/",
        {"performance": "performed", "note": "x"},
        format="json",
    )
    assert response.status_code == 404
    assert client.get("/deadlines/").status_code in (200, 302)


def test_the_window_clerk_keeps_reading_the_case_they_filed_after_routing(window_clerk):
    a_mediator("village_m", f"pmc-{GAOLING}")
    case = a_case(organisation=org("window-440804"), actor=window_clerk)
    case = services.route_case(case=case)
    assert case.organisation == org(f"pmc-{GAOLING}")
    response = page(window_clerk).get(f"/cases/{case.pk}/")
    assert response.status_code == 200
    # Reading is not acting: the clerk cannot work the village's case.
    response = api(window_clerk).post(
        f"/api/v1/mediation/cases/{case.pk}/fail/", {"reason": "x"}, format="json"
    )
    assert response.status_code in (403, 409)


def test_the_duplicate_warning_names_no_case_of_another_county(window_clerk):
    earlier = a_case(village_code="440802001001")  # 赤坎区, out of the clerk's reach
    assert earlier.county_code == "440802"
    response = page(window_clerk).post("/cases/new/", window_form(applicant_id_number=""))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="duplicate-elsewhere"' in body
    assert earlier.number not in body
    assert Case.objects.count() == 1


def test_a_duplicate_the_clerk_may_see_is_named(window_clerk):
    earlier = a_case(organisation=org("window-440804"))
    response = page(window_clerk).post("/cases/new/", window_form(applicant_id_number=""))
    body = response.content.decode()
    assert earlier.number in body
    assert 'id="duplicate-elsewhere"' not in body


# Sessions -------------------------------------------------------------------------------------


def test_minutes_cannot_be_recorded_before_the_session_starts(mediator):
    case = in_mediation(mediator)
    session = services.schedule_session(
        case=case,
        actor=mediator,
        starts_at=tomorrow_at(9),
        ends_at=tomorrow_at(10),
        room=org("room-440804-family"),
    )
    response = api(mediator).post(
        f"/api/v1/mediation/sessions/{session.pk}/record/",
        {"attendance": ["陈某"], "minutes": "双方陈述。"},
        format="json",
    )
    assert response.status_code == 409
    session.refresh_from_db()
    assert session.status == SessionStatus.SCHEDULED


def test_an_agreement_needs_a_held_session_or_an_on_the_spot_record(mediator):
    case = in_mediation(mediator, held=False)
    body = {"kind": "oral", "facts": "邻里纠纷", "text": "双方和解"}
    response = api(mediator).post(
        f"/api/v1/mediation/cases/{case.pk}/agreement/", body, format="json"
    )
    assert response.status_code == 400
    assert "on_the_spot_reason" in response.json()
    body["on_the_spot_reason"] = "11月28日在村委会当场调解，双方当场和解。"
    response = api(mediator).post(
        f"/api/v1/mediation/cases/{case.pk}/agreement/", body, format="json"
    )
    assert response.status_code == 201


def test_a_session_is_moved_and_the_parties_are_texted(mediator):
    case = in_mediation(mediator)
    session = services.schedule_session(
        case=case,
        actor=mediator,
        starts_at=tomorrow_at(9),
        ends_at=tomorrow_at(10),
        room=org("room-440804-family"),
    )
    response = page(mediator).post(
        f"/mediation/cases/{case.pk}/move-session/",
        {
            "session": session.pk,
            "move-starts_at": tomorrow_at(14).strftime("%Y-%m-%dT%H:%M"),
            "move-ends_at": tomorrow_at(15).strftime("%Y-%m-%dT%H:%M"),
            "move-room": org("room-440804-family").pk,
        },
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert timezone.localtime(session.starts_at).hour == 14
    assert OutboundMessage.objects.filter(kind="session_moved").count() == 2
    assert CaseEvent.objects.filter(case=case, kind="session_moved", is_public=True).exists()


def test_a_session_is_cancelled_through_the_api_and_the_room_is_free_again(mediator):
    case = in_mediation(mediator)
    session = services.schedule_session(
        case=case,
        actor=mediator,
        starts_at=tomorrow_at(9),
        ends_at=tomorrow_at(10),
        room=org("room-440804-family"),
    )
    response = api(mediator).post(
        f"/api/v1/mediation/sessions/{session.pk}/cancel/", {"reason": "当事人生病"}, format="json"
    )
    assert response.status_code == 200
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    assert OutboundMessage.objects.filter(kind="session_cancelled").count() == 2
    again = services.schedule_session(
        case=case,
        actor=mediator,
        starts_at=tomorrow_at(9),
        ends_at=tomorrow_at(10),
        room=org("room-440804-family"),
    )
    assert again.pk != session.pk


def test_a_non_numeric_session_id_on_the_page_is_a_bad_request(mediator):
    case = in_mediation(mediator)
    response = page(mediator).post(
        f"/mediation/cases/{case.pk}/record/",
        {"session": "abc", "attendance": "陈某", "minutes": "x"},
    )
    assert response.status_code == 400


# The desk keeps a case until it is closed ----------------------------------------------------------


def test_the_desk_keeps_an_agreed_case_with_what_is_left_to_do(mediator):
    case = in_mediation(mediator, held=False)
    services.record_agreement(
        case=case,
        actor=mediator,
        kind="oral",
        facts="邻里纠纷",
        text="双方和解",
        terms=[],
        on_the_spot_reason="当场调解",
    )
    desk = api(mediator).get("/api/v1/mediation/desk/").json()
    (row,) = [r for r in desk["after"] if r["case"]["id"] == case.pk]
    assert "回访履行情况" in row["todo"]
    assert "结案" in row["todo"]
    assert case.number in page(mediator).get("/mediation/desk/").content.decode()
