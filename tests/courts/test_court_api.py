from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from cases.models import Case, CaseIdentifier
from courts.models import CourtToken, PreLitigationCase
from deadlines.models import Deadline
from tests.conftest import org
from transfers.models import Transfer

from .helpers import URL, court_client, detail_url, push_payload

pytestmark = pytest.mark.django_db
NUMBER = "（2026）粤0804民诉前调12号"


def test_a_court_push_registers_the_case_and_delegates_it_to_the_county_bureau():
    response = court_client().post(URL, push_payload(), format="json")

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "delegated"
    assert len(body["enquiry_password"]) == 6
    plc = PreLitigationCase.objects.get(pk=body["id"])
    assert plc.case.organisation == org("bureau-440804")
    assert plc.case.channel == "court_push"
    assert CaseIdentifier.objects.get(kind="court_pre_litigation").value == NUMBER
    transfer = Transfer.objects.get(case=plc.case)
    assert (transfer.kind, transfer.status) == ("delegate_pre_litigation", "pending")
    assert transfer.to_organisation == org("bureau-440804")
    assert Deadline.objects.get(case=plc.case, kind="pre_litigation").due_at == plc.due_at


def test_the_same_number_again_answers_200_with_the_same_id_and_no_second_case():
    client = court_client()
    first = client.post(URL, push_payload(), format="json").json()

    # ASCII brackets are the same number.
    again = client.post(URL, push_payload("(2026)粤0804民诉前调12号"), format="json")

    assert again.status_code == 200
    assert again.json()["id"] == first["id"]
    assert "enquiry_password" not in again.json()
    assert Case.objects.count() == 1
    assert Transfer.objects.count() == 1


def test_the_development_zone_court_delegates_to_the_mazhang_bureau():
    payload = push_payload("（2026）粤0891民诉前调3号", court_code="粤0891")

    response = court_client("court-0891").post(URL, payload, format="json")

    assert response.status_code == 201
    plc = PreLitigationCase.objects.get(pk=response.json()["id"])
    assert plc.case.organisation == org("bureau-440811")


def test_the_court_reads_status_deadline_days_left_and_events():
    client = court_client()
    client.post(URL, push_payload(), format="json")

    body = client.get(detail_url(NUMBER)).json()

    assert body["status"] == "delegated"
    # Filed Friday 20 November: the filing day is not counted, the 30th day is Sunday
    # 20 December, so the clock runs to the end of Monday 21 December.
    assert body["deadline"] == "2026-12-21T23:59:59+08:00"
    assert body["days_left"] == (dt.date(2026, 12, 21) - timezone.localdate()).days
    assert body["mediation_organisation"] is None
    assert body["result"]["outcome"] is None
    # Only the events written for the court and the public, in their public wording.
    assert body["events"] == [
        {"at": body["events"][0]["at"], "kind": "filed", "text": "纠纷已登记。"}
    ]


def test_a_court_token_used_for_another_courts_case_answers_404():
    court_client().post(URL, push_payload(), format="json")

    other = court_client("court-0802")

    assert other.get(detail_url(NUMBER)).status_code == 404


def test_a_court_cannot_push_in_another_courts_name():
    payload = push_payload("（2026）粤0802民诉前调1号", court_code="粤0802")

    response = court_client().post(URL, payload, format="json")

    assert response.status_code == 400
    assert "court_code" in response.json()
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("number", "why"),
    [
        ("2026粤0804民诉前调12号", "format"),
        ("（2026）粤0804民初12号", "type"),
        ("（2026）粤0802民诉前调12号", "court"),
        ("（2026）粤0804民诉前调012号", "leading zero"),
    ],
)
def test_a_malformed_court_case_number_is_refused_with_a_chinese_message(number, why):
    response = court_client().post(URL, push_payload(number), format="json")

    assert response.status_code == 400, why
    assert response.json()["court_case_number"]
    assert not Case.objects.exists()


def test_bad_input_of_any_kind_gets_a_400_and_changes_nothing():
    client = court_client()
    bad = [
        push_payload(parties=[]),
        push_payload(parties=[{"side": "applicant", "name": "陈某", "id_number": "123"}]),
        push_payload(claim_amount="-5"),
        push_payload(claim_amount="lots"),
        push_payload(village_code="999999999999"),
        {"court_case_number": ["x"]},
    ]
    for payload in bad:
        assert client.post(URL, payload, format="json").status_code == 400
    garbage = client.post(URL, "{not json", content_type="application/json")
    assert garbage.status_code == 400
    assert not Case.objects.exists()


def test_no_token_or_a_revoked_token_is_refused():
    assert court_client().post(URL, push_payload(), format="json").status_code == 201
    CourtToken.objects.update(revoked_at="2026-01-01T00:00:00Z")

    from rest_framework.test import APIClient

    anonymous = APIClient().post(URL, push_payload("（2026）粤0804民诉前调13号"), format="json")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    assert anonymous.status_code == 401
    assert client.get(detail_url(NUMBER)).status_code == 401


def test_issue_court_token_prints_a_token_that_works(capsys):
    out = io.StringIO()
    call_command("issue_court_token", "粤0804", stdout=out)
    key = out.getvalue().strip()

    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert client.post(URL, push_payload(), format="json").status_code == 201
    assert CourtToken.objects.get().key_hash != key


def test_the_court_api_is_in_the_openapi_schema(admin_client):
    schema = admin_client.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()

    assert "/api/v1/court/pre-litigation/" in schema
    assert "/api/v1/court/pre-litigation/{court_case_number}/" in schema
    assert "courtToken" in schema


def test_a_push_and_a_repeated_push_run_a_bounded_number_of_queries(
    django_assert_max_num_queries,
):
    client = court_client()

    # Case, party, identifier, the 30-day clock and its timeline entry, the court's record,
    # the delegation and its entry, the mediation file the new case gets, the case's next-due
    # marker (a locked refresh), the filing's savepoint; the token's first use is recorded,
    # and the filing date is checked against the number's year (the type codes read once
    # more). The delivery is queued after the commit (one statement, not run here). SQLite
    # has no sequences: its case number takes the counter row's two statements more.
    with django_assert_max_num_queries(27 if connection.vendor == "postgresql" else 29):
        assert client.post(URL, push_payload(), format="json").status_code == 201
    # A repeat: the id by the unique index, then the case with its parties to compare.
    with django_assert_max_num_queries(6):
        assert client.post(URL, push_payload(), format="json").status_code == 200


@pytest.mark.parametrize(
    ("cause", "category"),
    [
        ("物业服务合同纠纷", "property_management"),
        ("合同纠纷", "contract"),  # two categories map to it: the first one listed
        ("追索劳动报酬纠纷", "other"),  # no category maps to it
    ],
)
def test_the_cause_of_action_picks_the_dispute_category(cause, category):
    response = court_client().post(URL, push_payload(cause_of_action=cause), format="json")

    assert response.status_code == 201
    case = PreLitigationCase.objects.get(pk=response.json()["id"]).case
    assert case.category.code == category


def test_a_court_pushed_case_is_numbered_with_the_bureaus_prefix():
    response = court_client().post(URL, push_payload(), format="json")

    case = PreLitigationCase.objects.get(pk=response.json()["id"]).case
    year = timezone.localdate().year
    assert re.fullmatch(rf"坡头司调〔{year}〕[1-9][0-9]*号", case.number)
