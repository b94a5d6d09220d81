"""The openness clock: a village keeping its postings on the portal that misses a period is
flagged to its town once, and the flag clears when the posting is published."""

from __future__ import annotations

import datetime as dt

import pytest

from notifications.models import Notification
from tests.celery_worker import wait_until
from village_affairs import lateness, services
from village_affairs.models import LatePosting
from village_affairs.tasks import flag_late_postings_task

from .conftest import GAOLING, MAFENG, a_published_posting, finance_input


def test_the_due_period_counts_the_grace_days(settings):
    settings.VILLAGE_POSTING_GRACE_DAYS = 10
    assert lateness.last_due_period_end("finance", dt.date(2026, 11, 11)) == dt.date(2026, 10, 31)
    assert lateness.last_due_period_end("finance", dt.date(2026, 11, 10)) == dt.date(2026, 9, 30)
    assert lateness.last_due_period_end("affairs", dt.date(2026, 11, 28)) == dt.date(2026, 9, 30)
    assert lateness.last_due_period_end("party", dt.date(2026, 1, 5)) == dt.date(2025, 9, 30)


@pytest.mark.django_db
def test_a_late_village_is_flagged_to_its_town_once_and_cleared_by_publishing(town_officer):
    # Given 高岭村 published finances up to September and 麻俸村 through October
    a_published_posting()
    a_published_posting(MAFENG, period_start=dt.date(2026, 10, 1), period_end=dt.date(2026, 10, 31))
    today = dt.date(2026, 11, 20)
    # When the clock runs twice
    lateness.flag_late_postings(today)
    lateness.flag_late_postings(today)
    # Then 高岭村's October finances are flagged once, and the town's officer told once
    finance = LatePosting.objects.filter(kind="finance")
    assert list(finance.values_list("village_id", "period_end")) == [
        (GAOLING, dt.date(2026, 10, 31))
    ]
    told = Notification.objects.filter(recipient=town_officer, kind="village_posting_late")
    assert told.count() == 3  # finance, affairs and party
    assert "1 个村未按时财务公开" in told.get(title__contains="财务").title
    # And publishing October's finances clears the flag
    posting = services.draft_posting(
        actor=None,
        village_code=GAOLING,
        data=finance_input(
            period_start=dt.date(2026, 10, 1),
            period_end=dt.date(2026, 10, 31),
            opening_balance=1300,
            closing_balance=1600,
        ),
    )
    services.publish_posting(actor=None, posting=posting)
    assert finance.get().resolved_at is not None


@pytest.mark.django_db
def test_the_town_overview_lists_its_late_villages(client, town_officer):
    a_published_posting()
    lateness.flag_late_postings(dt.date(2026, 11, 20))
    client.force_login(town_officer)
    page = client.get("/village-affairs/town/").content.decode()
    assert "高岭村委会" in page
    assert "3 项逾期" in page


@pytest.mark.integration
def test_a_real_worker_runs_the_clock(celery_worker_process, town_officer):
    a_published_posting(period_start=dt.date(2020, 1, 1), period_end=dt.date(2020, 1, 31))
    flag_late_postings_task.delay()
    assert wait_until(lambda: LatePosting.objects.count() == 3, timeout=60)
    assert Notification.objects.filter(recipient=town_officer).count() == 3
