"""The work lists on a 360-px phone, in English (whose words are the longest): each row is
a card of labelled lines, and no list has to be scrolled sideways to read a row or reach its
buttons."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from deadlines.models import Deadline
from tests.browser import log_in, screenshot

pytestmark = pytest.mark.browser

LISTS = [
    ("petition", "/petitions/"),
    ("clerk", "/courts/pre-litigation/"),
    ("ftjudge", "/courts/tracks/"),
    ("mediator", "/deadlines/"),
    ("supervisor", "/deadlines/overdue/"),
    ("bureau", "/transfers/"),
]

# Each table of the page that is wider than the box it sits in (how far, in pixels).
TOO_WIDE = """() => Array.from(document.querySelectorAll('main table'))
  .map(t => t.scrollWidth - (t.closest('.table-wrap') || t.parentElement).clientWidth)
  .filter(over => over > 1)"""


def test_the_work_lists_are_cards_that_fit_a_360_px_phone_in_english(
    live_server, phone, transactional_db
):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    # One clock of the county run out, so that the supervisor's overdue list has a row.
    clock = Deadline.objects.open().filter(case__county_code="440804").order_by("pk").first()
    Deadline.objects.filter(pk=clock.pk).update(due_at=timezone.now() - dt.timedelta(days=3))
    too_wide = {}
    for username, path in LISTS:
        phone.context.clear_cookies()
        log_in(phone, live_server.url, username)
        phone.context.add_cookies(
            [{"name": "django_language", "value": "en", "url": live_server.url}]
        )
        phone.goto(f"{live_server.url}{path}")
        if over := phone.evaluate(TOO_WIDE):
            too_wide[path] = over
        assert phone.locator("table.case-table td[data-label]").count() > 0, path
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360, path
        screenshot(phone, "phone-list-en" + path.rstrip("/").replace("/", "-"))

    assert too_wide == {}
