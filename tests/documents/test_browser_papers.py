"""The mediator finds every paper of a case on its page, on a desk and on a 360-px phone,
and completes a party's basic facts before printing."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from cases.models import Case, CaseStatus
from tests.browser import screenshot
from tests.mediation.test_browser import log_in

pytestmark = pytest.mark.browser


def test_the_papers_of_an_agreed_case_are_linked_and_print_as_pdf(
    live_server, page, transactional_db
):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    log_in(page, live_server, "mediator")
    agreed = Case.objects.get(status=CaseStatus.AGREEMENT, description__contains="书面协议")
    page.goto(f"{live_server.url}/mediation/cases/{agreed.pk}/")
    panel = page.locator("#papers")
    assert panel.get_by_role("link", name="人民调解协议书（PDF）").is_visible()
    screenshot(page, "documents-papers-panel")
    link = panel.get_by_role("link", name="司法确认申请书（双方共同申请）（PDF）")
    response = page.request.get(f"{live_server.url}{link.get_attribute('href')}")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")


def test_a_partys_facts_are_completed_on_a_phone(live_server, phone, transactional_db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    log_in(phone, live_server, "mediator")
    refused = Case.objects.get(status=CaseStatus.NOT_ACCEPTED, description__contains="彩礼")
    phone.goto(f"{live_server.url}/mediation/cases/{refused.pk}/")
    assert phone.locator("#papers").get_by_role("link", name="不予受理通知书（PDF）").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, "documents-papers-phone")

    phone.goto(f"{live_server.url}/cases/{refused.pk}/")
    phone.get_by_role("link", name="补充基本情况（协议书用）").first.click()
    phone.get_by_label("民族").fill("汉族")
    phone.get_by_label("职业或工作单位").fill("渔民")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, "documents-party-facts-phone")
    phone.get_by_role("button", name="保存").click()
    assert phone.get_by_text("已保存陈某的基本情况。").is_visible()
    assert refused.parties.get(side="applicant").occupation == "渔民"
