from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from deadlines.reminders import sweep
from deadlines.services import start_deadline
from notifications.models import Notification


@pytest.fixture
def api(client, mediator):
    client.force_login(mediator)
    return client


def test_my_deadlines_api_lists_soonest_first_and_pages_by_cursor(api, case):
    for days in range(60):
        start_deadline(
            case=case, kind="labour_mediation", starts_at=timezone.now() - dt.timedelta(days=days)
        )
    first = api.get("/api/v1/deadlines/mine/").json()
    assert len(first["results"]) == 50
    assert first["results"][0]["case"]["number"] == case.number
    assert first["results"][0]["rule"]["name"] == "劳动争议调解"
    second = api.get("/api/v1/deadlines/mine/", {"after": first["next"]}).json()
    ids = [r["id"] for r in first["results"] + second["results"]]
    assert len(set(ids)) == 60
    assert second["next"] == ""


def test_a_cases_deadlines_api_is_404_outside_the_scope(client, other_town_mediator, case):
    start_deadline(case=case, kind="labour_mediation")
    client.force_login(other_town_mediator)
    assert client.get(f"/api/v1/deadlines/case/{case.pk}/").status_code == 404


def test_the_inbox_api_lists_and_marks_read_and_refuses_bad_input(api, case, mediator):
    start_deadline(case=case, kind="labour_mediation", starts_at=timezone.now() - dt.timedelta(20))
    sweep()
    listing = api.get("/api/v1/notifications/").json()
    assert listing["unread"] == 1
    note_id = listing["results"][0]["id"]
    bad = api.post("/api/v1/notifications/read/", {"ids": "all"}, content_type="application/json")
    assert bad.status_code == 400
    assert (
        api.post(
            "/api/v1/notifications/read/", "{oops", content_type="application/json"
        ).status_code
        == 400
    )
    ok = api.post(
        "/api/v1/notifications/read/", {"ids": [note_id]}, content_type="application/json"
    )
    assert ok.json() == {"marked": 1}
    assert Notification.objects.get(pk=note_id).read_at is not None
