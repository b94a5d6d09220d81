"""The city leader's dashboard in headless Chromium, on a desktop and on a 360-px phone: the
charts draw, each beside the table a screen reader reads, and axe-core finds nothing serious."""

from __future__ import annotations

import pytest

from accounts.models import Role
from stats import rollups
from stats.periods import Month
from tests.browser import axe_violations, screenshot
from tests.conftest import make_staff

from .seeding import seed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def leader(no_self_routing):
    seed()
    rollups.rebuild(Month(2025, 1), Month(2026, 4))
    return make_staff("city_leader", Role.CITY_LEADER, "plc-city")


def log_in(page, live_server) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill("city_leader")
    page.get_by_label("密码").fill("pass-1234!")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/desk/")


@pytest.mark.parametrize("device", ["page", "phone"])
def test_the_leader_s_dashboard_draws_its_charts_beside_their_tables(
    live_server, leader, device, request
):
    page = request.getfixturevalue(device)
    log_in(page, live_server)
    # The desk's figures open the dashboard.
    page.get_by_role("link", name="查看统计总览").click()
    page.wait_for_selector("h1:has-text('统计总览')")
    page.goto(f"{live_server.url}/stats/?scope=440800&period=2026-03&compare=440882")
    page.wait_for_selector(".stats-chart svg")
    assert "统计总览：湛江市" in page.inner_text("h1")

    # Every chart is drawn, and hidden from screen readers, who read the table it names.
    charts = page.query_selector_all(".stats-chart")
    assert charts
    for chart in charts:
        assert chart.get_attribute("aria-hidden") == "true"
        assert chart.query_selector("svg") is not None
        table = page.query_selector(f"#{chart.get_attribute('data-table')}")
        assert table is not None
        assert table.query_selector("caption").inner_text()
    trend = page.query_selector("#t-trend")
    assert trend.query_selector("caption").inner_text() == "近12个月收案与结案"
    assert len(trend.query_selector_all("tbody tr")) == 12
    assert page.get_by_role("table", name="地区对比").is_visible()

    # Nothing wider than the screen on the phone but the tables' own scrolling boxes.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"]
    screenshot(page, f"stats-dashboard-{device}")
    assert axe_violations(page) == []

    # A figure opens the case list holding what it counts.
    received = page.locator(".stat", has_text="本月收案").get_by_role("link")
    count = received.inner_text()
    received.click()
    page.wait_for_selector("#case-count")
    assert f"共 {count} 件" in page.inner_text("#case-count")
