"""The demo: service activities (upcoming legal-education events among them) and rollups, so
that the leader's desk shows figures as soon as the demo is seeded."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from cases.models import Case
from stats.models import Rollup, ServiceActivity
from stats.periods import Month


def _seed(capture) -> None:
    with capture(execute=True):
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_demo_leader_sees_this_month_s_figures_at_once(
    client, db, django_capture_on_commit_callbacks
):
    _seed(django_capture_on_commit_callbacks)
    activities = ServiceActivity.objects.count()
    _seed(django_capture_on_commit_callbacks)
    assert ServiceActivity.objects.count() == activities == 12

    month = Month.current()
    start, end = month.bounds()
    received = Case.objects.filter(filed_at__gte=start, filed_at__lt=end).count()
    assert received > 0
    city = Rollup.objects.get(scope="region:440800", period=str(month))
    assert city.figures["cases"]["received"] == received

    client.force_login(get_user_model().objects.get(username="leader"))
    page = client.get("/desk/").content.decode()
    assert f"本月统计：湛江市（{month}）" in page
    assert f">{received}</a>" in page

    upcoming = client.get("/activities/upcoming/").content.decode()
    today = timezone.localdate()
    events = ServiceActivity.objects.upcoming_public(today)
    assert events.count() == 3
    for event in events:
        assert event.title in upcoming
