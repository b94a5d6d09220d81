"""The public contract of mobile and mini-program clients: filing, tracking, evidence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.models import Case, CaseEvent, Evidence, Party
from tests.cases.factories import GAOLING, a_case

pytestmark = pytest.mark.django_db

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 200
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" + b" " * 100
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def dispute(**overrides) -> dict:
    payload = {
        "applicant": {
            "name": "陈某",
            "id_number": "440802199001011238",
            "phone": "138 1234 5678",
            "address": "坡头区官渡镇高岭村",
        },
        "respondents": [{"name": "林某", "phone": "13987654321"}],
        "category": "neighbourhood",
        "village": GAOLING,
        "description": "邻居砌墙占用通道，引发纠纷。",
        "claim_amount": "1200.50",
        "consent": True,
    }
    payload.update(overrides)
    return payload


def post_json(client, payload, **headers):
    body = payload if isinstance(payload, str) else json.dumps(payload)
    return client.post(
        "/api/v1/public/disputes/", body, content_type="application/json", headers=headers
    )


def counts() -> tuple[int, int, int]:
    return Case.objects.count(), Party.objects.count(), CaseEvent.objects.count()


def test_a_villager_files_without_an_account_and_gets_a_number_and_tracking_code(client):
    response = post_json(client, dispute())
    assert response.status_code == 201
    body = response.json()
    assert body["number"].startswith("坡头调〔")
    assert len(body["tracking_code"]) >= 8
    assert body["status"] == "received"
    case = Case.objects.get(number=body["number"])
    assert case.village.code == GAOLING
    assert (case.town_code, case.county_code) == ("440804104", "440804")
    assert case.consent_to_mediation
    assert str(case.claim_amount) == "1200.50"
    applicant = case.parties.get(side="applicant")
    assert applicant.phone == "13812345678"
    assert applicant.id_number_masked == "440802********1238"


def test_the_tracking_code_is_not_derived_from_the_number(client):
    first = post_json(client, dispute()).json()
    second = post_json(client, dispute()).json()
    assert first["tracking_code"] != second["tracking_code"]
    assert first["number"] not in first["tracking_code"]


def test_a_reused_idempotency_key_with_other_content_reveals_nothing(client):
    first = post_json(client, dispute(), **{"Idempotency-Key": "1"}).json()
    other = post_json(client, dispute(description="另一件事"), **{"Idempotency-Key": "1"})
    assert other.status_code == 201
    assert other.json()["tracking_code"] != first["tracking_code"]
    assert Case.objects.count() == 2


def test_the_same_submission_sent_twice_with_an_idempotency_key_creates_one_case(client):
    first = post_json(client, dispute(), **{"Idempotency-Key": "tap-1"})
    again = post_json(client, dispute(), **{"Idempotency-Key": "tap-1"})
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert Case.objects.count() == 1


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ("{not json", "detail"),
        ("[1, 2]", "detail"),
        ({**dispute(), "applicant": None}, "applicant"),
        ({k: v for k, v in dispute().items() if k != "category"}, "category"),
        ({k: v for k, v in dispute().items() if k != "consent"}, "consent"),
        (dispute(category="no-such-category"), "category"),
        (dispute(village="440804999999"), "village"),
        (dispute(village="440804104"), "village"),
        (dispute(consent=False), "consent"),
        (dispute(claim_amount="很多"), "claim_amount"),
        (dispute(claim_amount="-5"), "claim_amount"),
        (dispute(respondents=[]), "respondents"),
        (dispute(respondents="林某"), "respondents"),
        (dispute(description=""), "description"),
        (
            dispute(applicant={**dispute()["applicant"], "id_number": "440802199001011239"}),
            "applicant",
        ),
        (dispute(applicant={**dispute()["applicant"], "phone": "1381234567"}), "applicant"),
        (dispute(applicant="陈某"), "applicant"),
        (dispute(respondents=[{"name": ["林某"]}]), "respondents"),
        (dispute(consent="maybe"), "consent"),
    ],
)
def test_bad_input_is_refused_with_a_chinese_message_and_changes_nothing(client, payload, field):
    before = counts()
    response = post_json(client, payload)
    assert response.status_code == 400
    assert field in response.json()
    assert counts() == before


def test_an_invalid_id_checksum_is_explained_in_chinese(client):
    payload = dispute(applicant={**dispute()["applicant"], "id_number": "440802199001011239"})
    errors = post_json(client, payload).json()["applicant"]["id_number"]
    assert errors == ["身份证号码校验位不正确，请核对每一位数字。"]


def test_a_ten_digit_phone_is_refused(client):
    payload = dispute(applicant={**dispute()["applicant"], "phone": "1381234567"})
    assert "手机号码应为11位" in post_json(client, payload).json()["applicant"]["phone"][0]


def test_an_organisation_respondent_with_a_failing_credit_code_is_kept_with_a_warning(client):
    payload = dispute(respondents=[{"name": "湛江某公司", "credit_code": "91440800MA4W00000D"}])
    response = post_json(client, payload)
    assert response.status_code == 201
    party = Party.objects.get(side="respondent")
    assert (party.kind, party.credit_code_warning) == ("organisation", True)


def test_tracking_shows_status_and_only_public_events(client):
    case = a_case()
    from cases.services import record_event

    record_event(case, kind="note", text="内部备注：当事人情绪激动", is_public=False)
    response = client.get(f"/api/v1/public/disputes/{case.number}/", {"code": case.tracking_code})
    assert response.status_code == 200
    body = response.json()
    assert (body["number"], body["status"], body["category"]) == (
        case.number,
        "received",
        "neighbourhood",
    )
    assert [e["kind"] for e in body["events"]] == ["filed"]
    assert "内部备注" not in response.content.decode()


def test_a_wrong_tracking_code_answers_exactly_like_an_unknown_number(client):
    case = a_case()
    wrong = client.get(f"/api/v1/public/disputes/{case.number}/", {"code": "WRONGCODE2"})
    unknown = client.get(
        "/api/v1/public/disputes/坡头调〔2026〕9999号/", {"code": case.tracking_code}
    )
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.content == unknown.content


def test_lookups_are_rate_limited_per_client_with_a_chinese_429(client, settings):
    settings.CASES_RATE_LIMITS = {"lookup": (3, 60)}
    case = a_case()
    url = f"/api/v1/public/disputes/{case.number}/"
    statuses = [client.get(url, {"code": "X"}).status_code for _ in range(4)]
    assert statuses == [404, 404, 404, 429]
    assert "操作太频繁" in client.get(url, {"code": case.tracking_code}).json()["detail"]
    other = client.get(url, {"code": case.tracking_code}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_filings_are_rate_limited_per_client(client, settings):
    settings.CASES_RATE_LIMITS = {"filing": (2, 3600)}
    statuses = [post_json(client, dispute()).status_code for _ in range(3)]
    assert statuses == [201, 201, 429]
    assert Case.objects.count() == 2


def upload(client, case, name, content, code=None):
    return client.post(
        f"/api/v1/public/disputes/{case.number}/evidence/?code={code or case.tracking_code}",
        {"file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.usefixtures("file_storage")
def test_a_villager_adds_a_photo_and_a_pdf_to_their_case(client):
    case = a_case()
    assert upload(client, case, "围墙.jpg", JPEG).status_code == 201
    response = upload(client, case, "收据.pdf", PDF)
    assert response.status_code == 201
    assert response.json()["content_type"] == "application/pdf"
    stored = list(Evidence.objects.filter(case=case))
    assert [e.original_name for e in stored] == ["围墙.jpg", "收据.pdf"]
    _folders, names = default_storage.listdir("evidence")
    assert set(names) == {e.stored_name for e in stored}
    # Random names; the extension is the detected type's, never the uploader's.
    assert sorted(Path(name).suffix for name in names) == [".jpg", ".pdf"]
    assert all("围墙" not in name and "收据" not in name for name in names)
    assert case.events.filter(kind="evidence_added", is_public=True).count() == 2


def test_an_exe_renamed_jpg_is_refused_by_its_content(client):
    case = a_case()
    response = upload(client, case, "照片.jpg", EXE)
    assert response.status_code == 400
    assert "只能上传照片" in response.json()["file"][0]
    assert not Evidence.objects.exists()


def test_a_25_mb_file_is_refused(client):
    case = a_case()
    response = upload(client, case, "大图.jpg", JPEG + b"\x00" * (25 * 1024 * 1024))
    assert response.status_code == 400
    assert "20 MB" in response.json()["file"][0]
    assert not Evidence.objects.exists()


def test_the_twenty_first_file_is_refused(client, settings):
    settings.CASES_RATE_LIMITS = {"evidence": (100, 3600)}
    case = a_case()
    assert all(upload(client, case, f"{n}.jpg", JPEG).status_code == 201 for n in range(20))
    response = upload(client, case, "21.jpg", JPEG)
    assert response.status_code == 400
    assert "最多上传 20 个文件" in response.json()["file"][0]
    assert case.evidence.count() == 20


def test_evidence_with_a_wrong_code_is_refused_as_not_found(client):
    case = a_case()
    assert upload(client, case, "a.jpg", JPEG, code="WRONGCODE2").status_code == 404
    assert not Evidence.objects.exists()


def test_a_client_builds_the_form_from_categories_and_regions(client):
    categories = client.get("/api/v1/public/categories/").json()
    assert {"code": "neighbourhood", "name": "邻里"} in categories
    counties = client.get("/api/v1/public/regions/").json()
    assert {"code": "440804", "name": "坡头区", "level": "county"} in counties
    towns = client.get("/api/v1/public/regions/", {"parent": "440804"}).json()
    assert any(t["code"] == "440804104" for t in towns)
    villages = client.get("/api/v1/public/regions/", {"parent": "440804104"}).json()
    assert any(v["code"] == GAOLING and v["level"] == "village" for v in villages)
    assert client.get("/api/v1/public/regions/", {"parent": "999"}).status_code == 404


def test_the_public_endpoints_are_in_the_openapi_schema(client, settings):
    settings.API_DOCS_PUBLIC = True  # open as in development; tests/hardening covers staff-only
    schema = client.get("/api/schema/", {"format": "json"}).content.decode()
    for path in [
        "/api/v1/public/disputes/",
        "/api/v1/public/disputes/{number}/",
        "/api/v1/public/disputes/{number}/evidence/",
        "/api/v1/public/categories/",
        "/api/v1/public/regions/",
        "/api/v1/cases/",
        "/api/v1/cases/{id}/",
    ]:
        assert path in schema


def test_odd_requests_get_a_4xx_not_a_500(client):
    case = a_case()
    form_post = client.post("/api/v1/public/disputes/", {"applicant": "陈某", "consent": "true"})
    assert form_post.status_code == 400
    json_evidence = client.post(
        f"/api/v1/public/disputes/{case.number}/evidence/?code={case.tracking_code}",
        "{}",
        content_type="application/json",
    )
    assert json_evidence.status_code == 415
    no_file = client.post(
        f"/api/v1/public/disputes/{case.number}/evidence/?code={case.tracking_code}", {}
    )
    assert no_file.status_code == 400
    assert client.get("/api/v1/public/disputes/x/").status_code == 404
    assert client.get("/api/v1/public/regions/", {"parent": "4" * 40}).status_code == 404
    assert Evidence.objects.count() == 0
