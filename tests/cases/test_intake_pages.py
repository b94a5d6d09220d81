"""The public filing, confirmation and tracking pages, and the window clerk's intake form."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.models import Case, CaseEvent, Evidence
from tests.cases.factories import GAOLING, a_case
from tests.cases.test_public_api import EXE, JPEG

pytestmark = pytest.mark.django_db


def filing_form(**overrides) -> dict:
    data = {
        "form_token": "token-abc-123",
        "applicant_name": "陈某",
        "applicant_id_number": "440802199001011238",
        "applicant_phone": "13812345678",
        "applicant_address": "高岭村三巷5号",
        "respondent_name": "林某",
        "respondent_phone": "13987654321",
        "category": "neighbourhood",
        "county": "440804",
        "town": "440804104",
        "village": GAOLING,
        "description": "邻居砌墙占用通道约半米。",
        "request": "拆除围墙",
        "consent": "on",
    }
    data.update(overrides)
    return data


def test_a_villager_files_on_the_web_and_sees_number_and_tracking_code(client):
    response = client.post("/disputes/new/", filing_form(), follow=True)
    case = Case.objects.get()
    body = response.content.decode()
    assert response.redirect_chain[-1][0] == f"/disputes/filed/{case.pk}/"
    assert case.number in body
    assert case.tracking_code in body
    assert "打印回执" in body
    assert case.channel == "online"


def test_the_confirmation_is_only_shown_to_the_browser_that_filed(client):
    client.post("/disputes/new/", filing_form())
    case = Case.objects.get()
    client.logout()
    client.cookies.clear()
    assert client.get(f"/disputes/filed/{case.pk}/").status_code == 404


def test_a_rejected_step_keeps_everything_typed_and_opens_that_step(client):
    response = client.post(
        "/disputes/new/", filing_form(applicant_id_number="440802199001011239", consent="")
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert Case.objects.count() == 0
    assert "身份证号码校验位不正确" in body
    assert "需要您同意调解" in body
    assert 'data-open-step="1"' in body
    for typed in [
        "440802199001011239",
        "高岭村三巷5号",
        "林某",
        "13987654321",
        "邻居砌墙占用通道约半米。",
        "拆除围墙",
    ]:
        assert typed in body
    # The chosen place survives too: its town and village lists are rebuilt on the server.
    assert f'value="{GAOLING}" selected' in body
    assert 'value="440804104" selected' in body


def test_an_unknown_village_is_refused_in_step_three(client):
    response = client.post("/disputes/new/", filing_form(village="440804999999"))
    assert 'data-open-step="3"' in response.content.decode()
    assert Case.objects.count() == 0


def test_a_double_submitted_form_creates_one_case(client):
    first = client.post("/disputes/new/", filing_form())
    second = client.post("/disputes/new/", filing_form())
    assert Case.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_the_tracking_page_shows_status_and_public_timeline(client):
    case = a_case()
    response = client.get("/disputes/track/", {"number": case.number, "code": case.tracking_code})
    body = response.content.decode()
    assert response.status_code == 200
    assert "已登记" in body
    assert case.number in body


def test_a_wrong_code_on_the_tracking_page_says_not_found_and_keeps_the_number(client):
    case = a_case()
    response = client.get("/disputes/track/", {"number": case.number, "code": "WRONG12345"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "未找到该案件" in body
    assert case.number in body


@pytest.mark.usefixtures("file_storage")
def test_a_villager_adds_evidence_from_the_tracking_page(client):
    case = a_case()
    data = {"number": case.number, "code": case.tracking_code}
    ok = client.post(
        "/disputes/track/", {**data, "file": SimpleUploadedFile("a.jpg", JPEG)}, follow=True
    )
    assert "材料已上传" in ok.content.decode()
    refused = client.post("/disputes/track/", {**data, "file": SimpleUploadedFile("b.jpg", EXE)})
    assert "只能上传照片" in refused.content.decode()
    assert Evidence.objects.count() == 1


def test_the_public_filing_page_is_rate_limited_with_a_chinese_page(client, settings):
    settings.CASES_RATE_LIMITS = {"filing": (1, 3600)}
    client.post("/disputes/new/", filing_form(form_token="a"))
    response = client.post("/disputes/new/", filing_form(form_token="b"))
    assert response.status_code == 429
    assert "操作太频繁" in response.content.decode()
    assert Case.objects.count() == 1


def test_the_home_page_links_to_filing_and_tracking(client):
    body = client.get("/").content.decode()
    assert 'href="/disputes/new/"' in body
    assert 'href="/disputes/track/"' in body
    assert "申请调解" in body
    assert "查询进度" in body


def window_form(**overrides) -> dict:
    return filing_form(
        channel="hotline", urgency="urgent", needs_dialect="on", form_token="w-1", **overrides
    )


def test_the_window_clerk_files_for_a_caller(client, window_clerk):
    client.force_login(window_clerk)
    response = client.post("/cases/new/", window_form(applicant_id_number=""), follow=True)
    case = Case.objects.get()
    body = response.content.decode()
    assert response.redirect_chain[-1][0] == f"/cases/{case.pk}/"
    assert f"已登记，案件编号 {case.number}" in body
    assert case.channel == "hotline"
    assert case.urgency == "urgent"
    assert case.needs_dialect
    assert case.organisation.code == "window-440804"
    assert case.number.startswith("坡头调〔")
    assert case.filed_by == window_clerk
    assert CaseEvent.objects.get(case=case, kind="filed").actor == window_clerk


def test_the_window_clerk_is_warned_of_a_possible_duplicate_before_saving(client, window_clerk):
    earlier = a_case()
    client.force_login(window_clerk)
    warned = client.post("/cases/new/", window_form())
    body = warned.content.decode()
    assert warned.status_code == 200
    assert "发现疑似重复案件" in body
    assert earlier.number in body
    assert Case.objects.count() == 1
    assert "高岭村三巷5号" in body
    saved = client.post("/cases/new/", window_form(confirm_duplicate="on"))
    assert saved.status_code == 302
    new = Case.objects.exclude(pk=earlier.pk).get()
    assert new.possible_duplicate_of == earlier
    assert earlier.events.filter(kind="possible_duplicate").exists()


def test_only_window_clerks_get_the_intake_form(client, mediator):
    client.force_login(mediator)
    assert client.get("/cases/new/").status_code == 404


def test_the_window_clerks_desk_offers_registration_and_shows_recent_cases(client, window_clerk):
    from accounts.models import Organisation

    case = a_case(organisation=Organisation.objects.get(code="window-440804"))
    client.force_login(window_clerk)
    body = client.get("/desk/").content.decode()
    assert 'href="/cases/new/"' in body
    assert case.number in body


@pytest.mark.usefixtures("file_storage")
def test_staff_handling_a_case_add_evidence_and_bad_files_are_refused(client, supervisor):
    case = a_case()
    client.force_login(supervisor)
    ok = client.post(
        f"/cases/{case.pk}/evidence/", {"file": SimpleUploadedFile("收据.jpg", JPEG)}, follow=True
    )
    assert "材料已上传" in ok.content.decode()
    bad = client.post(
        f"/cases/{case.pk}/evidence/", {"file": SimpleUploadedFile("x.jpg", EXE)}, follow=True
    )
    assert "只能上传照片" in bad.content.decode()
    assert case.evidence.get().uploaded_by == supervisor


def test_staff_outside_the_scope_cannot_add_evidence(client, other_town_mediator):
    case = a_case()
    client.force_login(other_town_mediator)
    response = client.post(
        f"/cases/{case.pk}/evidence/", {"file": SimpleUploadedFile("a.jpg", JPEG)}
    )
    assert response.status_code == 404
    assert not case.evidence.exists()


def test_the_window_clerk_records_an_agent_for_the_applicant(client, window_clerk):
    client.force_login(window_clerk)
    client.post(
        "/cases/new/",
        window_form(agent_name="陈律师", agent_phone="13700001111", agent_for="applicant"),
    )
    case = Case.objects.get()
    agent = case.parties.get(side="agent")
    assert agent.agent_for == case.parties.get(side="applicant")
    assert agent.phone == "13700001111"
    assert "代理 陈某" in client.get(f"/cases/{case.pk}/").content.decode()


def test_a_bad_agent_phone_is_refused_and_nothing_is_filed(client, window_clerk):
    client.force_login(window_clerk)
    response = client.post("/cases/new/", window_form(agent_name="陈律师", agent_phone="12345"))
    assert "手机号码应为11位" in response.content.decode()
    assert Case.objects.count() == 0
