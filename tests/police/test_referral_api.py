from __future__ import annotations

from urllib.parse import quote

import pytest
from django.core.cache import cache

from cases.models import Case, CaseStatus
from cases.services import transition
from police.models import AccidentReferral
from tests.conftest import make_staff, org
from tests.transfers.conftest import ExternalReceiver
from transfers.models import ExternalEndpoint, Transfer
from transfers.push import push_external
from transfers.services import deliver_transfer

from .helpers import REPORT, URL, police_client, referral_payload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def test_a_referral_lands_at_the_county_traffic_workroom_with_the_report_attached():
    response = police_client().post(URL, referral_payload(), format="json")

    assert response.status_code == 201
    body = response.json()
    assert len(body["enquiry_password"]) == 6
    referral = AccidentReferral.objects.select_related("case").get(pk=body["id"])
    case = referral.case
    assert case.organisation == org("room-440804-traffic")
    assert case.category.name == "道路交通事故"
    assert case.channel == "police_referral"
    assert case.number.startswith("坡头调〔")
    assert body["case_number"] == case.number
    assert referral.responsibility == "陈某负事故主要责任，林某负次要责任。"
    assert [v["plate_number"] for v in referral.vehicles] == ["粤G12345", "粤G6789X"]
    assert sorted(case.parties.values_list("name", flat=True)) == ["林某", "陈某"]
    assert str(case.claim_amount) == "38600.00"


def test_the_traffic_mediator_sees_the_accident_report_on_the_case_page(client):
    body = police_client().post(URL, referral_payload(), format="json").json()
    mediator = make_staff("traffic_potou", "mediator", "room-440804-traffic")
    client.force_login(mediator)

    page = client.get(f"/cases/{Case.objects.get(number=body['case_number']).pk}/")

    assert page.status_code == 200
    text = page.content.decode()
    assert "交通事故认定书（交警移送）" in text
    assert REPORT in text
    assert "粤G6789X" in text


def test_the_same_report_again_answers_200_with_the_same_case():
    client = police_client()
    first = client.post(URL, referral_payload(), format="json").json()

    again = client.post(URL, referral_payload(), format="json")

    assert again.status_code == 200
    assert again.json()["id"] == first["id"]
    assert "enquiry_password" not in again.json()
    assert Case.objects.count() == 1


def test_the_same_report_with_a_different_body_is_a_conflict_naming_the_fields():
    client = police_client()
    client.post(URL, referral_payload(), format="json")

    response = client.post(
        URL, referral_payload(loss_amount="50000.00", place="别处"), format="json"
    )

    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "conflict"
    assert body["fields"] == ["loss_amount", "place"]
    assert "loss_amount" in body["detail"]
    assert Case.objects.count() == 1
    assert AccidentReferral.objects.get().place == "坡头区官渡镇高岭村路口"


def test_a_police_token_pushing_for_another_agency_is_refused():
    response = police_client("police-440882").post(URL, referral_payload(), format="json")

    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert Case.objects.count() == 0


def test_a_court_token_or_no_token_cannot_push():
    from courts.authentication import issue_token

    court = police_client()
    court.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_token(org('court-0804'))}")

    assert court.post(URL, referral_payload(), format="json").status_code in (401, 403)
    anonymous = police_client()
    anonymous.credentials()
    assert anonymous.post(URL, referral_payload(), format="json").status_code in (401, 403)
    assert Case.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"village_code": "440804999999"}, "village_code"),
        ({"accident_at": "yesterday"}, "accident_at"),
        ({"vehicles": []}, "vehicles"),
        ({"parties_consent": False}, "parties_consent"),
        ({"parties": [{"side": "applicant", "name": "林某", "phone": "123"}]}, "parties"),
        ({"loss_amount": "-1"}, "loss_amount"),
    ],
)
def test_bad_input_answers_400_with_the_field_and_changes_nothing(change, field):
    response = police_client().post(URL, referral_payload(**change), format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert Case.objects.count() == 0


def test_malformed_json_answers_400():
    response = police_client().post(URL, "{not json", content_type="application/json")

    assert response.status_code == 400


def test_the_result_goes_back_to_the_police_system_signed():
    receiver = ExternalReceiver("police-secret").start()
    try:
        ExternalEndpoint.objects.create(
            organisation=org("police-440804"), callback_url=receiver.url, secret=receiver.secret
        )
        body = police_client().post(URL, referral_payload(), format="json").json()
        case = Case.objects.get(number=body["case_number"])

        transition(
            case,
            to=CaseStatus.AGREEMENT,
            allowed_from=[CaseStatus.RECEIVED],
            actor=None,
            kind="agreement",
            text="达成协议。",
            payload={"agreement": "陈某赔偿林某三万元。"},
        )
        transfer = Transfer.objects.get(case=case, kind="return_police_result")
        deliver_transfer(transfer.pk)
        assert push_external(transfer.pk) is None
    finally:
        receiver.stop()

    transfer.refresh_from_db()
    assert transfer.to_organisation == org("police-440804")
    assert transfer.external_status == "acknowledged"
    pushed = receiver.processed[str(transfer.idempotency_key)]
    assert pushed["kind"] == "return_police_result"
    assert pushed["payload"]["report_number"] == REPORT
    assert pushed["payload"]["outcome"] == "agreement"
    assert receiver.bad_signatures == 0
    detail = police_client().get(f"{URL}{quote(REPORT)}/")
    assert detail.json()["result"]["agreement"] == "陈某赔偿林某三万元。"


def test_an_agency_reads_only_its_own_referrals():
    police_client().post(URL, referral_payload(), format="json")

    other = police_client("police-440882").get(f"{URL}{quote(REPORT)}/")
    own = police_client().get(f"{URL}{quote(REPORT)}/")

    assert other.status_code == 404
    assert own.status_code == 200
    assert own.json()["status"] == "received"
