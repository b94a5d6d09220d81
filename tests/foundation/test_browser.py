from __future__ import annotations

import pytest
from django.core.management import call_command

from tests.browser import axe_violations, screenshot

pytestmark = pytest.mark.browser


def test_a_demo_mediator_logs_in_and_sees_the_desk(live_server, page, transactional_db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill("mediator")
    page.get_by_label("密码").fill("zj-demo-2026")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/desk/")
    assert page.get_by_role("heading", name="调解员工作台").is_visible()
    assert screenshot(page, "mediator-desk").exists()


def test_the_public_home_fits_a_360_px_phone(live_server, phone, transactional_db):
    phone.goto(f"{live_server.url}/")
    assert phone.get_by_role("heading", name="有纠纷，来这里").is_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    screenshot(phone, "public-home-phone")


def test_the_public_pages_have_no_serious_accessibility_violations(
    live_server, phone, transactional_db
):
    for path in ["/", "/accounts/login/"]:
        phone.goto(f"{live_server.url}{path}")
        assert axe_violations(phone) == [], path
