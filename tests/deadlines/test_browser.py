"""The deadline pages as a mediator sees them, on a desk screen and a 360-px phone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cases.models import Case
from deadlines.reminders import sweep
from deadlines.services import pause_deadline, start_deadline
from tests.browser import screenshot
from tests.cases.factories import a_case
from tests.conftest import org

pytestmark = pytest.mark.browser


def login(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("pass-1234!")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/desk/")


@pytest.fixture
def clocks(mediator):
    case = a_case(organisation=org("room-440804-family"))
    Case.objects.filter(pk=case.pk).update(assignee=mediator)
    now = timezone.now()
    overdue = start_deadline(
        case=case, kind="labour_mediation", starts_at=now - dt.timedelta(days=20)
    )
    start_deadline(case=case, kind="pre_litigation", starts_at=now - dt.timedelta(days=28))
    paused = start_deadline(case=case, kind="legal_aid_decision")
    pause_deadline(paused, reason="等待补充材料", actor=mediator)
    sweep()
    return overdue


def test_a_mediator_sees_overdue_first_and_the_inbox_count(live_server, page, phone, clocks):
    for browser_page, name in [(page, "deadlines-mine"), (phone, "deadlines-mine-phone")]:
        login(browser_page, live_server, "mediator_potou")
        browser_page.goto(f"{live_server.url}/deadlines/")
        assert browser_page.locator("#sec-overdue").inner_text().startswith("已逾期")
        assert browser_page.locator(".site-header .badge").count() == 1
        screenshot(browser_page, name)
    page.goto(f"{live_server.url}/deadlines/{clocks.pk}/")
    assert page.get_by_role("heading", name="延长期限").is_visible()
    screenshot(page, "deadline-detail")
    phone.goto(f"{live_server.url}/inbox/")
    screenshot(phone, "inbox-phone")
    phone.goto(f"{live_server.url}/deadlines/case/{clocks.case_id}/sms/")
    screenshot(phone, "party-sms-phone")
