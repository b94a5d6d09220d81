"""The main flow in a browser: the village clerk drafts and publishes a finance posting on a
desk screen; a villager reads it on a 360-px phone without logging in, and asks a question."""

from __future__ import annotations

import pytest

from tests.browser import axe_violations, screenshot
from village_affairs.models import Posting, PostingStatus

from .conftest import GAOLING, a_published_posting, an_adopted_rule

pytestmark = pytest.mark.browser


def login(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("pass-1234!")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/desk/")


def test_a_clerk_publishes_finances_and_a_villager_reads_them_on_a_phone(
    live_server, page, phone, village_clerk
):
    an_adopted_rule()
    a_published_posting(title="2026年8月财务收支公开")
    login(page, live_server, "village_gaoling")
    page.goto(f"{live_server.url}/village-affairs/{GAOLING}/postings/")
    page.locator("#id_kind").select_option("finance")
    page.get_by_label("期间起").fill("2026-10-01")
    page.get_by_label("期间止").fill("2026-10-31")
    page.locator("#id_title").fill("2026年10月财务收支公开")
    page.get_by_label("期初余额（元）").fill("1000")
    page.get_by_label("期末余额（元）").fill("1400")  # does not balance: 1000 + 500 − 200
    page.locator("[name=line0_category]").fill("集体土地租金")
    page.locator("[name=line0_amount]").fill("500")
    page.locator("[name=line1_direction]").select_option("out")
    page.locator("[name=line1_category]").fill("村道维护")
    page.locator("[name=line1_amount]").fill("200")
    page.get_by_role("button", name="保存草稿").click()
    assert "收支不平" in page.locator(".field--error").first.inner_text()
    screenshot(page, "village-posting-unbalanced")
    page.get_by_label("期末余额（元）").fill("1300")
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_role("button", name="核对无误，公开").click()
    assert "已公开" in page.locator(".messages").inner_text()
    screenshot(page, "village-posting-published")
    posting = Posting.objects.get(title="2026年10月财务收支公开")
    assert posting.status == PostingStatus.PUBLISHED

    phone.goto(f"{live_server.url}/villages/{GAOLING}/")
    assert phone.get_by_role("heading", name="高岭村委会").is_visible()
    screenshot(phone, "village-public-phone")
    phone.get_by_role("link", name="2026年10月财务收支公开").click()
    assert "¥1,300.00" in phone.locator("table").inner_text()
    phone.get_by_label("您的问题").fill("村道维护修了哪段路？")
    phone.get_by_role("button", name="提交问题").click()
    assert "问题已提交" in phone.locator(".messages").inner_text()
    screenshot(phone, "village-posting-phone")
    phone.goto(f"{live_server.url}/villages/{GAOLING}/rules/")
    screenshot(phone, "village-rules-phone")


def test_the_public_pages_pass_axe_on_a_phone(live_server, phone):
    an_adopted_rule()
    posting = a_published_posting()
    for url in (
        f"/villages/{GAOLING}/",
        f"/villages/{GAOLING}/postings/{posting.pk}/",
        f"/villages/{GAOLING}/rules/",
    ):
        phone.goto(f"{live_server.url}{url}")
        assert axe_violations(phone) == []
