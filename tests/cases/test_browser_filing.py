"""A villager files on a 360-px phone, step by step, in headless Chromium."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from accounts.identifiers import clean_mobile, clean_resident_id
from cases.models import Case
from tests.browser import screenshot
from tests.cases.factories import GAOLING

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def visible_step(phone) -> str:
    return phone.locator("fieldset.step:visible legend").inner_text()


def server_message(check, value) -> str:
    """What the server says about ``value`` (accounts.identifiers), to compare with the page."""
    try:
        check(value)
    except ValidationError as exc:
        return exc.messages[0]
    raise AssertionError(f"{value} passes {check.__name__}")


def required_message() -> str:
    with translation.override("zh-hans"):
        return f"错误：{forms.CharField().error_messages['required']}"


def message_beside(phone, field: str) -> str:
    return phone.locator(f"#id_{field}").locator("xpath=..").locator(".error").inner_text()


def test_a_villager_is_told_of_each_mistake_beside_its_field_before_moving_on(live_server, phone):
    phone.goto(f"{live_server.url}/disputes/new/")
    assert "第 1 步，共 4 步" in visible_step(phone)
    screenshot(phone, "intake-filing-1-applicant")

    # Step 1 refuses to move on with the required fields empty, saying so beside each.
    phone.click("#step-1 .step__next")
    assert "第 1 步" in visible_step(phone)
    for field in ("applicant_name", "applicant_id_number", "applicant_phone"):
        assert message_beside(phone, field) == required_message()
    assert phone.evaluate("document.activeElement.id") == "id_applicant_name"

    # A wrong check digit and a ten-digit phone: the server's own words, on step 1.
    phone.fill("#id_applicant_name", "陈某")
    phone.fill("#id_applicant_id_number", "440802199001011239")
    phone.fill("#id_applicant_phone", "1381234567")
    phone.fill("#id_applicant_address", "高岭村三巷5号")
    phone.click("#step-1 .step__next")
    assert "第 1 步" in visible_step(phone)
    id_error = server_message(clean_resident_id, "440802199001011239")
    assert message_beside(phone, "applicant_id_number") == f"错误：{id_error}"
    assert message_beside(phone, "applicant_phone") == (
        f"错误：{server_message(clean_mobile, '1381234567')}"
    )
    assert phone.get_attribute("#id_applicant_id_number", "aria-invalid") == "true"
    assert phone.locator("#id_applicant_name").locator("xpath=..").locator(".error").count() == 0
    screenshot(phone, "intake-filing-1-mistakes")

    # A birth date that does not exist is caught too.
    phone.fill("#id_applicant_id_number", "440802199002301234")
    phone.click("#step-1 .step__next")
    assert message_beside(phone, "applicant_id_number") == (
        f"错误：{server_message(clean_resident_id, '440802199002301234')}"
    )

    phone.fill("#id_applicant_id_number", "440802199001011238")
    phone.fill("#id_applicant_phone", "+86 138-1234-5678")
    phone.click("#step-1 .step__next")
    assert "第 2 步" in visible_step(phone)
    phone.fill("#id_respondent_name", "湛江某公司")
    phone.fill("#id_respondent_credit_code", "91440800MA4W0000")
    phone.click("#step-2 .step__next")
    assert "第 2 步" in visible_step(phone)
    assert "统一社会信用代码应为18位" in message_beside(phone, "respondent_credit_code")
    phone.fill("#id_respondent_credit_code", "91440800MA4W00000C")
    phone.fill("#id_respondent_phone", "13987654321")
    screenshot(phone, "intake-filing-2-respondent")
    phone.click("#step-2 .step__next")

    assert "第 3 步" in visible_step(phone)
    phone.click("#step-3 .step__next")
    assert "第 3 步" in visible_step(phone)
    assert message_beside(phone, "village") == required_message()
    choose_place_and_describe(phone)
    screenshot(phone, "intake-filing-3-dispute")
    phone.click("#step-3 .step__next")

    assert "第 4 步" in visible_step(phone)
    review = phone.locator("#review-list").inner_text()
    assert "湛江某公司" in review
    assert "高岭" in review
    phone.click("#submit-filing")
    assert "需要您同意调解" in message_beside(phone, "consent")
    assert Case.objects.count() == 0
    phone.check("#id_consent")
    screenshot(phone, "intake-filing-4-review")
    phone.click("#submit-filing")
    phone.wait_for_selector("#tracking-code")
    case = Case.objects.get()
    assert phone.inner_text("#case-number") == case.number
    assert phone.inner_text("#tracking-code") == case.tracking_code
    assert case.parties.get(side="applicant").phone == "13812345678"
    # Nothing is wider than the phone.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, "intake-filing-6-confirmation")


def choose_place_and_describe(phone) -> None:
    phone.select_option("#id_category", "neighbourhood")
    phone.select_option("#id_county", "440804")
    phone.wait_for_selector("#id_town option[value='440804104']", state="attached")
    phone.select_option("#id_town", "440804104")
    phone.wait_for_selector(f"#id_village option[value='{GAOLING}']", state="attached")
    phone.select_option("#id_village", GAOLING)
    phone.fill("#id_description", "邻居砌墙占用通道约半米，多次协商未果。")


def test_the_server_stays_the_authority_when_the_page_check_is_bypassed(live_server, phone):
    phone.goto(f"{live_server.url}/disputes/new/")
    # An old cached script, or none: the field is not checked on the page.
    phone.evaluate(
        "document.getElementById('id_applicant_id_number').removeAttribute('data-check')"
    )
    phone.fill("#id_applicant_name", "陈某")
    phone.fill("#id_applicant_id_number", "440802199001011239")  # wrong check digit
    phone.fill("#id_applicant_phone", "13812345678")
    phone.fill("#id_applicant_address", "高岭村三巷5号")
    phone.click("#step-1 .step__next")
    phone.fill("#id_respondent_name", "林某")
    phone.click("#step-2 .step__next")
    choose_place_and_describe(phone)
    phone.click("#step-3 .step__next")
    phone.check("#id_consent")
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
