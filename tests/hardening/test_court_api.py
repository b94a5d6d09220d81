"""The court API refuses what a court's clock or a typo could send: dates outside the case
number's year or in the future, a county where a village is meant, and a repeated number whose
content differs from what was registered (409, naming the fields)."""

from __future__ import annotations

import pytest

from cases.models import Case, CaseEvent
from courts.models import PreLitigationCase
from deadlines.models import Deadline
from tests.courts.helpers import URL, court_client, detail_url, push_payload

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, int, int]:
    return PreLitigationCase.objects.count(), Case.objects.count(), Deadline.objects.count()


@pytest.mark.parametrize(
    ("filed_at", "message"),
    [
        ("0001-01-01T00:00:00+08:00", "时间数值超出有效范围。"),
        ("2025-12-31T23:00:00+08:00", "登记时间应在案号年度（2026年）内。"),
        ("2040-01-01T09:00:00+08:00", "登记时间不能晚于现在。"),
    ],
)
def test_a_filing_date_outside_the_numbers_year_or_in_the_future_is_refused(filed_at, message):
    before = counts()

    response = court_client().post(URL, push_payload(filed_at=filed_at), format="json")

    assert response.status_code == 400
    assert response.json() == {"filed_at": [message]}
    assert counts() == before


def test_a_county_code_is_refused_as_village_code():
    before = counts()

    response = court_client().post(URL, push_payload(village_code="440804"), format="json")

    assert response.status_code == 400
    assert response.json() == {
        "village_code": ["village_code 应为村（社区）的12位区划代码，或留空。"]
    }
    assert counts() == before


def test_a_village_code_is_taken():
    response = court_client().post(URL, push_payload(village_code="440804104207"), format="json")

    assert response.status_code == 201
    assert Case.objects.get().village_id == "440804104207"


def test_an_identical_repeat_answers_200_with_the_same_case():
    client = court_client()
    first = client.post(URL, push_payload(), format="json").json()

    again = client.post(URL, push_payload(), format="json")

    assert again.status_code == 200
    assert again.json()["id"] == first["id"]


def test_a_repeat_with_a_different_body_answers_409_naming_the_fields():
    client = court_client()
    client.post(URL, push_payload(), format="json")
    before = (counts(), CaseEvent.objects.count())
    corrected = push_payload(claim_amount="35000.00", description="借款三万五千元到期未还。")
    corrected["parties"][1]["name"] = "林某某"

    response = client.post(URL, corrected, format="json")

    assert response.status_code == 409
    body = response.json()
    assert body["fields"] == ["claim_amount", "description", "parties"]
    assert body["detail"].startswith("该案号已登记，但本次推送的内容与已登记的不同：")
    assert (counts(), CaseEvent.objects.count()) == before
    plc = PreLitigationCase.objects.get()
    assert str(plc.claim_amount) == "30000.00"


def test_full_width_digits_from_a_court_are_stored_as_ascii():
    payload = push_payload()
    payload["parties"][0]["phone"] = "１３８１２３４５６７８"

    response = court_client().post(URL, payload, format="json")

    assert response.status_code == 201
    assert Case.objects.get().parties.get(side="applicant").phone == "13812345678"


def test_more_respondents_than_allowed_are_refused_at_once(settings):
    settings.CASES_MAX_PARTIES_PER_SIDE = 20
    payload = push_payload()
    payload["parties"] += [{"side": "respondent", "name": f"被告{i}"} for i in range(20)]
    before = counts()

    response = court_client().post(URL, payload, format="json")

    assert response.status_code == 400
    assert response.json() == {"parties": ["每一方当事人最多 20 位。"]}
    assert counts() == before


def test_the_court_api_timeline_shows_texts_written_for_the_court_only(client, supervisor):
    court = court_client()
    pushed = court.post(URL, push_payload(), format="json").json()
    plc = PreLitigationCase.objects.get(pk=pushed["id"])
    party = plc.case.parties.get(side="respondent")
    client.force_login(supervisor)
    # A staff member of the bureau reveals an ID number: an internal event.
    from cases.services import reveal_id_number

    reveal_id_number(plc.case, party, actor=supervisor)

    events = court.get(detail_url(plc.court_case_number)).json()["events"]

    kinds = [event["kind"] for event in events]
    assert "id_revealed" not in kinds
    assert kinds == ["filed"]
    assert events[0]["text"] == "纠纷已登记。"
