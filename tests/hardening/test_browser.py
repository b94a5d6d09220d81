"""In a real browser with the Content-Security-Policy enforced: the public pages run their
scripts without a single violation, and a locked-out login says so in Chinese on a phone."""

from __future__ import annotations

import pytest

from tests.browser import screenshot
from tests.conftest import make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_public_pages_run_under_the_policy_without_a_violation(live_server, phone):
    violations: list[str] = []
    phone.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    for path in ("/", "/disputes/new/", "/disputes/track/", "/accounts/login/"):
        phone.goto(f"{live_server.url}{path}")
    # The filing page's script ran: only the first of its four steps shows.
    phone.goto(f"{live_server.url}/disputes/new/")
    assert phone.locator("fieldset.step:visible").count() == 1

    assert violations == []


def test_a_locked_out_login_says_why_in_chinese_on_a_phone(live_server, phone):
    make_staff("mediator_potou", "mediator", "room-440804-family")
    phone.goto(f"{live_server.url}/accounts/login/")
    for _ in range(5):
        phone.fill("#id_username", "mediator_potou")
        phone.fill("#id_password", "wrong")
        phone.click("button[type=submit].button--primary")

    alert = phone.locator(".form-errors").first.inner_text()
    screenshot(phone, "hardening-login-locked-out")

    assert "登录失败次数过多，已暂时锁定" in alert
    assert phone.locator("#id_username").input_value() == "mediator_potou"
