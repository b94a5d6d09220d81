"""A villager files on a 360-px phone, step by step, in headless Chromium."""

from __future__ import annotations

import pytest

from cases.models import Case
from tests.browser import screenshot
from tests.cases.factories import GAOLING

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def visible_step(phone) -> str:
    return phone.locator("fieldset.step:visible legend").inner_text()


def test_a_villager_files_step_by_step_on_a_phone(live_server, phone):
    phone.goto(f"{live_server.url}/disputes/new/")
    assert "第 1 步，共 4 步" in visible_step(phone)
    screenshot(phone, "intake-filing-1-applicant")

    # Step 1 refuses to move on with the name empty.
    phone.click("#step-1 .step__next")
    assert "第 1 步" in visible_step(phone)

    phone.fill("#id_applicant_name", "陈某")
    phone.fill("#id_applicant_id_number", "440802199001011239")  # wrong check digit
    phone.fill("#id_applicant_phone", "13812345678")
    phone.fill("#id_applicant_address", "高岭村三巷5号")
    phone.click("#step-1 .step__next")
    assert "第 2 步" in visible_step(phone)
    phone.fill("#id_respondent_name", "林某")
    phone.fill("#id_respondent_phone", "13987654321")
    screenshot(phone, "intake-filing-2-respondent")
    phone.click("#step-2 .step__next")

    assert "第 3 步" in visible_step(phone)
    phone.select_option("#id_category", "neighbourhood")
    phone.select_option("#id_county", "440804")
    phone.wait_for_selector("#id_town option[value='440804104']", state="attached")
    phone.select_option("#id_town", "440804104")
    phone.wait_for_selector(f"#id_village option[value='{GAOLING}']", state="attached")
    phone.select_option("#id_village", GAOLING)
    phone.fill("#id_description", "邻居砌墙占用通道约半米，多次协商未果。")
    screenshot(phone, "intake-filing-3-dispute")
    phone.click("#step-3 .step__next")

    assert "第 4 步" in visible_step(phone)
    review = phone.locator("#review-list").inner_text()
    assert "林某" in review
    assert "高岭" in review
    phone.check("#id_consent")
    screenshot(phone, "intake-filing-4-review")
    phone.click("#submit-filing")

    # The server rejects the ID number: step 1 opens with the message, nothing typed is lost.
    phone.wait_for_selector(".form-errors")
    assert "第 1 步" in visible_step(phone)
    assert "校验位不正确" in phone.locator("#step-1").inner_text()
    assert phone.input_value("#id_applicant_address") == "高岭村三巷5号"
    assert phone.input_value("#id_respondent_name") == "林某"
    assert phone.input_value("#id_village") == GAOLING
    screenshot(phone, "intake-filing-5-rejected")
    assert Case.objects.count() == 0

    phone.fill("#id_applicant_id_number", "440802199001011238")
    for step in (1, 2, 3):
        phone.click(f"#step-{step} .step__next")
    phone.check("#id_consent")
    phone.click("#submit-filing")
    phone.wait_for_selector("#tracking-code")
    case = Case.objects.get()
    assert phone.inner_text("#case-number") == case.number
    assert phone.inner_text("#tracking-code") == case.tracking_code
    # Nothing is wider than the phone.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, "intake-filing-6-confirmation")
