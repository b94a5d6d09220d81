"""The legal-aid pages: public application and tracking, the officer's desk, list and
application page, the lawyer's desk, the bad-credit register, the case-page panel."""

from __future__ import annotations

import pytest

from legal_aid.models import Application, ApplicationStatus, BadCreditEntry, MatterType
from tests.cases.factories import GAOLING

from .helpers import an_application, granted, in_progress

pytestmark = pytest.mark.django_db


def form_data(**overrides) -> dict:
    data = {
        "applicant_name": "陈某",
        "applicant_phone": "13812345678",
        "county": GAOLING[:6],
        "town": GAOLING[:9],
        "village": GAOLING,
        "matter_type": MatterType.UNPAID_WAGES,
        "opponent": "某劳务公司",
        "facts": "老板欠工资不给。",
        "exempt_reason": "migrant_worker",
    }
    data.update(overrides)
    return data


def test_a_villager_applies_on_the_phone_and_gets_a_number_and_code(client):
    response = client.post("/legal-aid/apply/", form_data(), follow=True)

    application = Application.objects.get()
    page = response.content.decode()
    assert application.case.number in page
    assert application.case.tracking_code in page
    tracked = client.get(
        "/legal-aid/track/",
        {"number": application.case.number, "code": application.case.tracking_code},
    )
    assert "已申请" in tracked.content.decode()


def test_a_rejected_public_form_keeps_what_was_typed(client):
    response = client.post("/legal-aid/apply/", form_data(exempt_reason="", applicant_phone="123"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "老板欠工资不给。" in page
    assert "手机号码应为11位" in page
    assert "请阅读告知内容并勾选承诺" in page
    assert not Application.objects.exists()


def test_the_bad_credit_refusal_is_shown_on_the_public_form(client):
    BadCreditEntry.objects.create(name="陈某", phone="13812345678", reason="虚假承诺")

    response = client.post(
        "/legal-aid/apply/",
        form_data(exempt_reason="", commit="on", matter_type=MatterType.MAINTENANCE),
    )

    assert response.status_code == 409
    assert "失信名单" in response.content.decode()
    assert not Application.objects.exists()


def test_the_officers_desk_and_list_show_the_centres_applications(
    client, officer, django_assert_max_num_queries
):
    for n in range(3):
        an_application(phone=f"1390000000{n}")
    client.force_login(officer)

    with django_assert_max_num_queries(14):
        desk = client.get("/legal-aid/")
    with django_assert_max_num_queries(9):
        listing = client.get("/legal-aid/applications/", {"status": "submitted"})

    assert desk.status_code == 200
    assert listing.content.decode().count("/legal-aid/applications/") >= 3


def test_the_officer_acts_on_the_page_and_is_told_what_happened(client, officer):
    application = an_application()
    client.force_login(officer)

    response = client.post(
        f"/legal-aid/applications/{application.pk}/request_materials/",
        {"request_materials-missing": "劳动合同"},
        follow=True,
    )

    application.refresh_from_db()
    assert application.status == ApplicationStatus.MATERIALS_REQUESTED
    assert "已一次性告知" in response.content.decode()


def test_a_refused_page_action_says_why_and_changes_nothing(client, officer, off_roster_lawyer):
    application = granted(officer)
    client.force_login(officer)

    response = client.post(
        f"/legal-aid/applications/{application.pk}/assign/",
        {"assign-lawyer": off_roster_lawyer.pk},
    )

    application.refresh_from_db()
    assert response.status_code == 409
    assert "名册" in response.content.decode()
    assert application.status == ApplicationStatus.GRANTED


def test_the_lawyers_desk_lists_their_assignments(client, officer, lawyer):
    application = in_progress(officer, lawyer)
    client.force_login(lawyer)

    page = client.get("/legal-aid/lawyer/").content.decode()

    assert application.case.number in page


def test_the_case_page_shows_the_legal_aid_panel(client, officer):
    application = an_application()
    client.force_login(officer)

    page = client.get(f"/cases/{application.case.pk}/").content.decode()

    assert "本案是法律援助案卷" in page
    assert f"/legal-aid/applications/{application.pk}/" in page


def test_the_officer_keeps_the_bad_credit_register(client, officer):
    client.force_login(officer)

    client.post(
        "/legal-aid/bad-credit/", {"name": "郑某", "phone": "13700000001", "reason": "虚假承诺"}
    )
    entry = BadCreditEntry.objects.get()
    client.post(f"/legal-aid/bad-credit/{entry.pk}/remove/")

    entry.refresh_from_db()
    assert entry.removed_at is not None


def test_people_without_a_legal_aid_role_do_not_reach_the_desk(client, mediator):
    client.force_login(mediator)

    assert client.get("/legal-aid/").status_code == 404
    assert client.get("/legal-aid/lawyer/").status_code == 404
