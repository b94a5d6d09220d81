from __future__ import annotations

import pytest
from django.core.management import call_command

from cases.models import Case, CaseStatus
from tests.browser import screenshot

pytestmark = pytest.mark.browser


def log_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("zj-demo-2026")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/desk/")


def test_a_mediator_accepts_a_waiting_case_from_the_desk(live_server, page, transactional_db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    log_in(page, live_server, "mediator")
    page.goto(f"{live_server.url}/mediation/desk/")
    assert page.get_by_role("heading", name="等我受理").is_visible()
    screenshot(page, "mediation-desk")
    waiting = Case.objects.get(status=CaseStatus.ROUTED, description__contains="抚养费")
    page.get_by_role("link", name=waiting.number).click()
    # The window sent the demo case to the family workroom by hand; the timeline says so.
    assert page.get_by_text("人工分派至坡头区中心婚姻家庭纠纷调解工作室").first.is_visible()
    page.get_by_role("button", name="受理此案").click()
    assert page.get_by_text("已受理。下一步：安排调解。").is_visible()
    screenshot(page, "mediation-case-accepted")
    assert Case.objects.get(pk=waiting.pk).status == CaseStatus.ACCEPTED


def test_the_case_page_and_desk_fit_a_360_px_phone(live_server, phone, transactional_db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    log_in(phone, live_server, "mediator")
    working = Case.objects.get(status=CaseStatus.IN_MEDIATION)
    phone.goto(f"{live_server.url}/mediation/cases/{working.pk}/")
    assert phone.get_by_role("heading", name="达成协议").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, "mediation-case-phone")
    phone.goto(f"{live_server.url}/mediation/desk/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, "mediation-desk-phone")


def test_the_supervisor_sees_the_board_and_a_room_calendar(live_server, page, transactional_db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    log_in(page, live_server, "supervisor")
    page.goto(f"{live_server.url}/mediation/board/")
    assert page.get_by_role("heading", name="调解员在办案件").is_visible()
    screenshot(page, "mediation-board")
    page.get_by_role("row", name="坡头区中心婚姻家庭纠纷调解工作室").get_by_role(
        "link", name="预约日历"
    ).click()
    assert page.get_by_text("09:30").first.is_visible()
    screenshot(page, "mediation-room-calendar")


def test_the_tracking_page_and_the_case_page_show_mediation_on_a_phone(
    live_server, phone, transactional_db
):
    import datetime as dt

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from mediation import services

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    mediator = get_user_model().objects.get(username="mediator")
    case = Case.objects.filter(status=CaseStatus.IN_MEDIATION, assignee=mediator).first()
    day = timezone.localdate() + dt.timedelta(days=3)
    starts = timezone.make_aware(dt.datetime.combine(day, dt.time(15, 30)))
    services.schedule_session(
        case=case,
        actor=mediator,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        place="官渡镇司法所调解室",
    )
    phone.goto(f"{live_server.url}/disputes/track/?number={case.number}&code={case.tracking_code}")
    assert phone.get_by_role("heading", name="调解进展").is_visible()
    assert phone.get_by_text("官渡镇司法所调解室").first.is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, "mediation-public-tracking-phone")
    log_in(phone, live_server, "mediator")
    phone.goto(f"{live_server.url}/cases/{case.pk}/")
    assert phone.get_by_role("link", name="打开调解页面").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, "mediation-case-panel-phone")
