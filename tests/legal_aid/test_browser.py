"""The main flow in headless Chromium: a migrant worker applies on a 360-px phone, the officer
reviews and grants on the desk, and the lawyer accepts the assignment."""

from __future__ import annotations

import pytest

from legal_aid.models import Application, ApplicationStatus
from tests.browser import axe_violations, screenshot
from tests.cases.factories import GAOLING
from tests.cases.test_browser_staff import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_worker_applies_on_a_phone_and_the_officer_and_lawyer_take_it_on(
    live_server, phone, page, officer, lawyer
):
    phone.goto(f"{live_server.url}/legal-aid/apply/")
    screenshot(phone, "legal-aid-1-apply")
    phone.fill("#id_applicant_name", "陈某")
    phone.fill("#id_applicant_phone", "13812345678")
    phone.select_option("#id_county", "440804")
    phone.wait_for_selector("#id_town option[value='440804104']", state="attached")
    phone.select_option("#id_town", "440804104")
    phone.wait_for_selector(f"#id_village option[value='{GAOLING}']", state="attached")
    phone.select_option("#id_village", GAOLING)
    phone.select_option("#id_matter_type", "unpaid_wages")
    phone.fill("#id_opponent", "湛江某建筑劳务公司")
    phone.fill("#id_facts", "在工地干了8个月，老板欠工资4.6万元不给。")
    phone.select_option("#id_exempt_reason", "migrant_worker")
    phone.click("#submit-legal-aid")
    phone.wait_for_selector("#legal-aid-code")
    application = Application.objects.get()
    assert phone.inner_text("#legal-aid-number") == application.case.number
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, "legal-aid-2-receipt")

    log_in(page, live_server, "legalaid_potou")
    page.goto(f"{live_server.url}/legal-aid/")
    screenshot(page, "legal-aid-3-officer-desk")
    page.click(f"text={application.case.number}")
    page.click("#action-accept_complete button[type=submit]")
    assert "已开始审查" in page.inner_text(".messages")
    page.click("#action-grant button[type=submit]")
    page.select_option("#id_assign-lawyer", str(lawyer.pk))
    page.click("#action-assign button[type=submit]")
    assert "等待律师接受" in page.inner_text(".messages")
    screenshot(page, "legal-aid-4-application")

    page.context.clear_cookies()
    log_in(page, live_server, "lawyer_zhang")
    page.goto(f"{live_server.url}/legal-aid/lawyer/")
    page.click(f"text={application.case.number}")
    page.click("#action-lawyer_accept button[type=submit]")
    screenshot(page, "legal-aid-5-lawyer")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_PROGRESS


def test_the_public_pages_have_no_serious_accessibility_violations(live_server, phone):
    for path in ("/legal-aid/apply/", "/legal-aid/track/"):
        phone.goto(f"{live_server.url}{path}")
        assert axe_violations(phone) == [], path
