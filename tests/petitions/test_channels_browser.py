"""The main flows of the other doors in a browser: the petition office registers and decides a
petition, the window answers a 12368 call with the password it was given, the fast-track
judge takes a case; each page also on a 360-px phone."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from tests.browser import axe_violations, log_in, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_a_petition_is_registered_decided_and_looked_up_by_12368(live_server, chromium, demo):
    office = chromium.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = office.new_page()
    log_in(page, live_server.url, "petition")
    page.goto(f"{live_server.url}/petitions/new/")
    page.get_by_label("信访人姓名").fill("谭某")
    page.get_by_label("信访形式").select_option("phone")
    page.get_by_label("信访事项").fill("反映村道硬化后排水不畅，与邻户发生纠纷。")
    page.get_by_label("事项发生地（村/社区区划代码）").fill("440804104207")
    page.get_by_role("button", name="登记").click()

    notice = page.get_by_text("已登记信访事项").inner_text()
    password = re.search(r"12368查询密码：(\d{6})", notice).group(1)
    number = re.search(r"已登记信访事项(\S+?)，", notice).group(1)
    screenshot(page, "petition-registered")
    page.get_by_label("受理", exact=True).check()
    page.get_by_label("告知信访人的内容").fill("电话告知已受理，60日内书面答复。")
    page.locator("#act-decide").get_by_role("button", name="提交").click()
    assert page.get_by_text("已记录受理决定并告知信访人").is_visible()
    assert page.get_by_text("已受理，办理中").first.is_visible()
    screenshot(page, "petition-accepted")
    page.goto(f"{live_server.url}/petitions/")
    screenshot(page, "petition-list")
    office.close()

    window = chromium.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = window.new_page()
    log_in(page, live_server.url, "window")
    page.goto(f"{live_server.url}/enquiries/12368/")
    page.get_by_label("案件编号或案号").fill(number)
    page.get_by_label("查询密码").fill(password)
    page.get_by_role("button", name="查询").click()
    assert page.get_by_text("湛江市坡头区信访局").first.is_visible()
    assert page.get_by_text("信访部门将在办理期限内书面答复").is_visible()
    screenshot(page, "enquiry-answered")
    page.get_by_label("查询密码").fill("000000" if password != "000000" else "111111")
    page.get_by_role("button", name="查询").click()
    assert page.get_by_text("编号或查询密码不正确").is_visible()
    window.close()


def test_the_fast_track_judge_takes_the_demo_case(live_server, page, demo):
    log_in(page, live_server.url, "ftjudge")
    page.goto(f"{live_server.url}/courts/tracks/")
    assert page.get_by_text("（2026）粤0804民初201号").is_visible()
    page.get_by_role("button", name="承办").click()

    assert page.get_by_text("已承办").first.is_visible()
    screenshot(page, "fast-track-taken")


@pytest.mark.parametrize(
    ("username", "path", "name"),
    [
        ("petition", "/petitions/", "petition-list"),
        ("petition", "/petitions/new/", "petition-new"),
        ("window", "/enquiries/12368/", "enquiry"),
        ("clerk", "/courts/tracks/", "tracks"),
        ("traffic", "/desk/", "traffic-desk"),
    ],
)
def test_the_pages_fit_a_360_px_phone(live_server, phone, demo, username, path, name):
    log_in(phone, live_server.url, username)
    phone.goto(f"{live_server.url}{path}")

    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(phone) == []
    screenshot(phone, f"channels-{name}-phone")
