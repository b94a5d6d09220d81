"""The window clerk's intake and the staff list and case page, in headless Chromium."""

from __future__ import annotations

import pytest

from accounts.models import Organisation
from cases.models import Case
from tests.browser import screenshot
from tests.cases.factories import GAOLING, a_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("pass-1234!")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/desk/")


def test_the_window_clerk_files_a_walk_in_and_finds_it_in_the_list(live_server, page, window_clerk):
    # 陈某 is already on record at this window, so typing the name suggests her.
    a_case(organisation=Organisation.objects.get(code="window-440804"))
    log_in(page, live_server, "window_clerk")
    page.goto(f"{live_server.url}/cases/new/")
    page.select_option("#id_channel", "window")
    page.fill("#id_applicant_name", "陈某")
    page.wait_for_selector("#party-suggestions option", state="attached")
    page.fill("#id_applicant_phone", "13811112222")
    page.fill("#id_respondent_name", "湛江某建材有限公司")
    page.fill("#id_respondent_credit_code", "91440800MA4W00000C")
    page.select_option("#id_category", "labour")
    page.select_option("#id_county", "440804")
    page.wait_for_selector("#id_town option[value='440804104']", state="attached")
    page.select_option("#id_town", "440804104")
    page.wait_for_selector(f"#id_village option[value='{GAOLING}']", state="attached")
    page.select_option("#id_village", GAOLING)
    page.fill("#id_description", "在工地干活三个月，拖欠工资未结清。")
    page.check("#id_consent")
    screenshot(page, "intake-window-form")
    page.get_by_role("button", name="保存登记").click()
    screenshot(page, "intake-window-saved")
    page.wait_for_selector("#timeline")
    case = Case.objects.get(channel="window", filed_by=window_clerk)
    assert case.number in page.inner_text("h1")
    assert "已登记，案件编号" in page.inner_text(".messages")
    screenshot(page, "intake-case-detail")

    page.goto(f"{live_server.url}/cases/?q=工资")
    assert case.number in page.inner_text("#case-table")
    screenshot(page, "intake-case-list")


def test_the_case_list_is_usable_on_a_phone(live_server, phone, supervisor):
    for _ in range(3):
        a_case()
    log_in(phone, live_server, "supervisor_potou")
    phone.goto(f"{live_server.url}/cases/")
    assert "坡头调" in phone.inner_text("#case-table")
    screenshot(phone, "intake-case-list-phone")
