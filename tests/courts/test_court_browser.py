from __future__ import annotations

import pytest
from django.core.management import call_command

from tests.browser import log_in, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_clerk_sees_the_dashboard_and_files_a_failed_case(live_server, page, demo):
    log_in(page, live_server.url, "clerk")
    page.goto(f"{live_server.url}/courts/pre-litigation/")
    assert page.get_by_role("heading", name="诉前调解总览").is_visible()
    screenshot(page, "courts-dashboard")

    page.get_by_role("link", name="（2026）粤0804民诉前调3号").click()
    page.get_by_label("立案案号（民初）").fill("（2026）粤0804民初101号")
    page.get_by_role("button", name="登记立案").click()

    assert page.get_by_text("已转立案并完成繁简分流").is_visible()
    screenshot(page, "courts-detail-filed")


def test_the_bureau_officer_dispatches_from_the_inbox(live_server, page, demo):
    log_in(page, live_server.url, "bureau")
    page.goto(f"{live_server.url}/transfers/")
    screenshot(page, "transfers-inbox")
    page.get_by_role("link", name="接收并分派").first.click()
    page.get_by_label("分派给调解组织").select_option(index=1)
    page.get_by_role("button", name="接收并分派").click()

    assert page.get_by_text("已接收并分派").is_visible()


@pytest.mark.parametrize(("language", "sign_for"), [("zh-hans", "签收"), ("en", "Sign for")])
def test_the_inbox_on_a_360_px_phone_shows_each_transfer_with_its_buttons_in_view(
    live_server, phone, demo, language, sign_for
):
    """Each transfer is a card of labelled lines: the officer signs for it without scrolling
    the table sideways to find the buttons (English words made the table too wide)."""
    log_in(phone, live_server.url, "bureau")
    phone.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    phone.goto(f"{live_server.url}/transfers/")

    box = phone.get_by_role("button", name=sign_for).first.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 360
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, f"transfers-inbox-phone-{language}")


def test_the_dashboard_and_12368_fit_a_360_px_phone(live_server, phone, demo):
    log_in(phone, live_server.url, "clerk")
    for path, name in [("/courts/pre-litigation/", "dashboard"), ("/courts/12368/", "enquiry")]:
        phone.goto(f"{live_server.url}{path}")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        screenshot(phone, f"courts-{name}-phone")


def test_the_bureaus_case_page_shows_the_court_and_transfer_panels_on_a_phone(
    live_server, phone, demo
):
    from courts.models import PreLitigationCase

    plc = PreLitigationCase.objects.filter(court__code="court-0804").order_by("pk").first()
    log_in(phone, live_server.url, "bureau")
    phone.goto(f"{live_server.url}/cases/{plc.case_id}/")

    assert phone.get_by_role("heading", name="法院诉前调解").is_visible()
    assert phone.get_by_role("heading", name="移送记录").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, "case-page-court-and-transfers-phone")


def test_the_clerk_sees_whom_to_ask_for_approval_of_an_extension(live_server, page, demo):
    from courts.models import PreLitigationCase

    plc = (
        PreLitigationCase.objects.filter(court__code="court-0804", status="dispatched")
        .order_by("pk")
        .first()
    )
    log_in(page, live_server.url, "clerk")
    page.goto(f"{live_server.url}/courts/pre-litigation/{plc.pk}/")

    assert page.get_by_label("批准人").is_visible()
    screenshot(page, "courts-detail-extension")
