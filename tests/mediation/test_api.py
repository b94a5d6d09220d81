from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from cases.models import Case, CaseStatus
from mediation import services
from mediation.models import Agreement, MediationSession
from tests.cases.factories import a_case
from tests.conftest import org
from tests.mediation.factories import a_mediator, category, in_mediation, tomorrow_at

pytestmark = pytest.mark.django_db

ROOM = "room-440804-family"


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def chen(db):
    return a_mediator("chen", ROOM)


def routed_family_case():
    return services.route_case(
        case=a_case(category=category("marriage_family"), claim_amount=Decimal("80000"))
    )


def test_the_window_clerk_routes_a_new_case_in_one_step_and_the_answer_says_why(window_clerk):
    a_mediator("chen", ROOM)
    case = a_case(category=category("marriage_family"), claim_amount=Decimal("80000"))
    response = client_for(window_clerk).post(f"/api/v1/mediation/cases/{case.pk}/route/")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "routed"
    assert body["organisation"] == "room-440804-family"
    assert "婚姻家庭" in body["routing_reason"]
    assert body["assignee"] is not None


def test_the_window_clerk_routes_by_hand_to_a_named_organisation(window_clerk):
    a_mediator("liang", "room-440804-land")
    case = a_case()
    response = client_for(window_clerk).post(
        f"/api/v1/mediation/cases/{case.pk}/route/",
        {"organisation": "room-440804-land", "reason": "宅基地"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["organisation"] == "room-440804-land"


def test_accepting_a_case_routed_to_another_organisation_is_404_and_changes_nothing(chen):
    stranger = a_mediator("stranger", "room-440804-labour")
    case = routed_family_case()
    response = client_for(stranger).post(f"/api/v1/mediation/cases/{case.pk}/accept/")
    assert response.status_code == 404
    case.refresh_from_db()
    assert (case.status, case.assignee) == (CaseStatus.ROUTED, chen)


def test_a_supervisor_accepting_someone_elses_case_is_refused_with_403(chen, supervisor):
    case = routed_family_case()
    response = client_for(supervisor).post(f"/api/v1/mediation/cases/{case.pk}/accept/")
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "forbidden"
    assert "调解员" in body["detail"]
    # What the supervisor may do instead is said with the refusal.
    assert "reassign" in body["allowed"]


def test_the_second_accept_gets_409_with_a_clear_message(chen):
    case = routed_family_case()
    client = client_for(chen)
    assert client.post(f"/api/v1/mediation/cases/{case.pk}/accept/").status_code == 200
    second = client.post(f"/api/v1/mediation/cases/{case.pk}/accept/")
    assert second.status_code == 409
    assert "已受理" in second.json()["detail"]
    assert second.json()["allowed_states"] == ["routed"]


def test_a_session_in_a_booked_room_answers_409_and_books_nothing(chen):
    first, second = in_mediation(chen), in_mediation(chen)
    room = org(ROOM)
    client = client_for(chen)
    body = {
        "starts_at": tomorrow_at(9).isoformat(),
        "ends_at": tomorrow_at(10).isoformat(),
        "room": room.pk,
    }
    assert (
        client.post(
            f"/api/v1/mediation/cases/{first.pk}/sessions/", body, format="json"
        ).status_code
        == 201
    )
    again = client.post(f"/api/v1/mediation/cases/{second.pk}/sessions/", body, format="json")
    assert again.status_code == 409
    assert "已被预约" in again.json()["detail"]
    assert MediationSession.objects.filter(case=second, status="scheduled").count() == 0


@pytest.mark.parametrize(
    ("term", "field"),
    [
        ({"due_date": "2020-01-01"}, "due_date"),
        ({"amount": "-5.00"}, "amount"),
        ({"amount": "many"}, "amount"),
    ],
)
def test_an_agreement_with_a_bad_term_answers_400_and_changes_nothing(chen, term, field):
    case = in_mediation(chen)
    good = {"obligor": "林某", "action": "支付补偿款", "amount": "100.00"}
    response = client_for(chen).post(
        f"/api/v1/mediation/cases/{case.pk}/agreement/",
        {"kind": "written", "facts": "事实", "terms": [{**good, **term}]},
        format="json",
    )
    assert response.status_code == 400
    assert field in str(response.json())
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_MEDIATION
    assert not Agreement.objects.exists()


@pytest.mark.usefixtures("file_storage")
def test_an_agreement_is_recorded_and_its_pdf_is_served_only_within_scope(
    chen, other_town_mediator, client
):
    case = in_mediation(chen)
    due = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    response = client_for(chen).post(
        f"/api/v1/mediation/cases/{case.pk}/agreement/",
        {
            "kind": "written",
            "facts": "婚后共同财产分割",
            "terms": [
                {"obligor": "林某", "action": "支付补偿款", "amount": "5000", "due_date": due}
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["agreement"]["has_document"]
    client.force_login(chen)
    pdf = client.get(f"/mediation/cases/{case.pk}/documents/pdf/")
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    client.force_login(other_town_mediator)
    assert client.get(f"/mediation/cases/{case.pk}/documents/pdf/").status_code == 404


def test_closing_without_an_outcome_answers_409_naming_the_allowed_states(chen):
    case = in_mediation(chen)
    response = client_for(chen).post(f"/api/v1/mediation/cases/{case.pk}/close/")
    assert response.status_code == 409
    assert set(response.json()["allowed_states"]) == {"agreement", "failed"}
    assert "close" not in response.json()["allowed"]
    assert Case.objects.get(pk=case.pk).status == CaseStatus.IN_MEDIATION


def test_any_move_from_closed_answers_409(chen):
    case = in_mediation(chen)
    client = client_for(chen)
    client.post(f"/api/v1/mediation/cases/{case.pk}/fail/", {"reason": "分歧大"}, format="json")
    assert client.post(f"/api/v1/mediation/cases/{case.pk}/close/").status_code == 200
    for verb in ("start", "accept", "close", "withdraw"):
        response = client.post(f"/api/v1/mediation/cases/{case.pk}/{verb}/")
        assert response.status_code == 409, verb
        assert "已结案" in response.json()["detail"]
    assert Case.objects.get(pk=case.pk).status == CaseStatus.CLOSED


def test_malformed_input_is_400(chen):
    case = in_mediation(chen)
    client = client_for(chen)
    bad_json = client.post(
        f"/api/v1/mediation/cases/{case.pk}/sessions/", "{not json", content_type="application/json"
    )
    assert bad_json.status_code == 400
    wrong_type = client.post(
        f"/api/v1/mediation/cases/{case.pk}/sessions/",
        {"starts_at": "tomorrow", "ends_at": 5, "room": "x"},
        format="json",
    )
    assert wrong_type.status_code == 400
    no_reason = client.post(f"/api/v1/mediation/cases/{case.pk}/terminate/", {}, format="json")
    assert no_reason.status_code == 400


def test_someone_elses_case_id_is_404(other_town_mediator, chen):
    case = in_mediation(chen)
    for path in ("", "fail/", "agreement/", "sessions/"):
        method = "get" if not path else "post"
        response = getattr(client_for(other_town_mediator), method)(
            f"/api/v1/mediation/cases/{case.pk}/{path}", {}, format="json"
        )
        assert response.status_code == 404


def test_the_desk_and_board_answer_with_bounded_queries(
    chen, supervisor, django_assert_max_num_queries
):
    for _ in range(5):
        routed_family_case()
    with django_assert_max_num_queries(8):
        desk = client_for(chen).get("/api/v1/mediation/desk/")
    assert len(desk.json()["waiting"]) == 5
    with django_assert_max_num_queries(14):
        board = client_for(supervisor).get("/api/v1/mediation/board/")
    loads = {row["mediator"]: row["open_cases"] for row in board.json()["loads"]}
    assert loads[chen.pk] == 5


def test_the_board_is_for_supervisors(chen):
    assert client_for(chen).get("/api/v1/mediation/board/").status_code == 403


def test_the_openapi_schema_lists_the_mediation_endpoints(admin_client):
    schema = admin_client.get("/api/schema/", {"format": "json"}).json()
    for path in (
        "/api/v1/mediation/cases/{id}/accept/",
        "/api/v1/mediation/cases/{id}/route/",
        "/api/v1/mediation/cases/{id}/agreement/",
        "/api/v1/mediation/cases/{id}/sessions/",
        "/api/v1/mediation/sessions/{id}/record/",
        "/api/v1/mediation/board/",
        "/api/v1/mediation/desk/",
    ):
        assert path in schema["paths"], path


def test_the_routing_rules_are_listed_in_the_order_they_apply(supervisor):
    rules = client_for(supervisor).get("/api/v1/mediation/routing-rules/").json()
    positions = [r["position"] for r in rules]
    assert positions == sorted(positions)
    assert len(rules) >= 10
