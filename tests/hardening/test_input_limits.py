"""Bad input of any kind answers 400 (or 404 for an id that cannot exist) with a message in
Chinese, changes nothing, and never reaches a 500: JSON bombs, parameters that do not parse,
path ids beyond the database's integers, NUL characters."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from cases.models import Case, CaseEvent, Party
from courts.models import PreLitigationCase
from notifications.models import Notification
from tests.cases.factories import a_case
from tests.conftest import org
from tests.courts.helpers import URL as COURT_URL
from tests.courts.helpers import court_client

pytestmark = pytest.mark.django_db

DEEP = "[" * 50_000 + "]" * 50_000
DEEP_OBJECT = '{"a":' * 40_000 + "1" + "}" * 40_000


def counts() -> tuple[int, int, int, int]:
    return (
        Case.objects.count(),
        Party.objects.count(),
        CaseEvent.objects.count(),
        PreLitigationCase.objects.count(),
    )


def post_raw(client, url: str, body: str, **extra):
    return client.post(url, body, content_type="application/json", **extra)


@pytest.mark.parametrize("body", [DEEP, DEEP_OBJECT], ids=["list", "object"])
def test_a_json_body_nested_50000_deep_is_refused_on_the_public_filing(client, body):
    before = counts()

    response = post_raw(client, "/api/v1/public/disputes/", body)

    assert response.status_code == 400
    assert response.json()["detail"] == "请求内容嵌套层次过深。"
    assert counts() == before


def test_a_json_body_nested_too_deep_is_refused_by_the_court_api():
    before = counts()

    response = court_client().post(COURT_URL, DEEP, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["detail"] == "请求内容嵌套层次过深。"
    assert counts() == before


def staff_json_endpoints(case_pk: int) -> list[str]:
    base = f"/api/v1/mediation/cases/{case_pk}/"
    verbs = ["route", "assign", "reassign", "accept", "decline", "not-accept", "start"]
    verbs += ["escalate", "sessions", "agreement", "fail", "withdraw", "terminate", "close"]
    verbs += ["follow-ups", "judicial-confirmation", "refer", "request-mediator"]
    return [
        "/api/v1/notifications/read/",
        "/api/v1/auth/token/",
        *(f"{base}{verb}/" for verb in verbs),
    ]


def test_every_staff_json_endpoint_refuses_a_json_bomb_with_400(client, supervisor):
    case = a_case()
    client.force_login(supervisor)
    before = (*counts(), Notification.objects.count())

    answers = {
        url: post_raw(client, url, DEEP).status_code for url in staff_json_endpoints(case.pk)
    }

    assert set(answers.values()) == {400}, answers
    assert (*counts(), Notification.objects.count()) == before


def test_a_json_body_over_the_size_limit_is_refused(client, settings):
    settings.API_JSON_MAX_BYTES = 1024
    body = json.dumps({"description": "很" * 2000})

    response = post_raw(client, "/api/v1/public/disputes/", body)

    assert response.status_code == 400
    assert response.json()["detail"] == "请求内容过大（不能超过 1 KB）。"


def test_not_a_number_in_json_is_refused_as_invalid_json(client):
    response = post_raw(client, "/api/v1/public/disputes/", '{"claim_amount": NaN}')

    assert response.status_code == 400
    assert response.json()["detail"] == "请求内容不是有效的 JSON。"


# Query parameters: each refused with 400 and the reason, on the page, the API and the export.


def test_a_filing_date_of_year_9999_is_refused_on_the_case_list_page(client, supervisor):
    a_case()
    client.force_login(supervisor)

    response = client.get("/cases/", {"filed_to": "9999-12-31", "q": "邻居"})

    assert response.status_code == 400
    body = response.content.decode()
    assert "日期应在 1990-01-01 至" in body
    # What the clerk typed stays in the filter form.
    assert 'value="邻居"' in body


@pytest.mark.parametrize(
    "params",
    [{"filed_to": "9999-12-31"}, {"filed_from": "0001-01-01"}, {"assignee": "1e100"}],
)
def test_out_of_range_filters_are_refused_by_the_case_api(client, supervisor, params):
    client.force_login(supervisor)

    response = client.get("/api/v1/cases/", params)

    assert response.status_code == 400
    assert set(response.json()) == set(params)


def test_the_csv_export_refuses_a_year_9999_filter_with_the_reason(client, supervisor):
    client.force_login(supervisor)

    response = client.get("/cases/export.csv", {"filed_to": "9999-12-31"})

    assert response.status_code == 400
    assert "筛选条件有误：日期应在 1990-01-01 至" in response.content.decode()


@pytest.mark.parametrize("after", ["2026-12-01T25:00_1", "not-a-cursor", "²", "eyJ4IjoxfQ"])
def test_a_malformed_cursor_on_the_case_list_page_answers_400(client, supervisor, after):
    client.force_login(supervisor)

    response = client.get("/cases/", {"after": after})

    assert response.status_code == 400
    assert "翻页位置无效，请从第一页重新查看。" in response.content.decode()


@pytest.mark.parametrize("cursor", ["cD0yMDI2LTEzLTQ1", "cD1ub3QtYS1kYXRl", "bz0tMQ"])
def test_a_malformed_cursor_on_the_case_api_answers_400(client, supervisor, cursor):
    client.force_login(supervisor)

    response = client.get("/api/v1/cases/", {"cursor": cursor})

    assert response.status_code == 400
    assert response.json() == {"cursor": ["翻页位置无效，请从第一页重新查看。"]}


@pytest.mark.parametrize(
    "after", ["2026-13-45T00:00|1", "2026-11-01T10:00|x", "0001-01-01T00:00|1"]
)
def test_a_malformed_cursor_on_the_court_dashboard_answers_400(client, court_clerk, after):
    client.force_login(court_clerk)

    response = client.get("/courts/pre-litigation/", {"after": after})

    assert response.status_code == 400
    assert "翻页位置无效，请从第一页重新查看。" in response.content.decode()


@pytest.mark.parametrize("after", ["2026-12-01T25:00_1", "2026-12-01T10:00_²"])
def test_a_malformed_cursor_on_the_deadline_lists_answers_400(client, supervisor, after):
    client.force_login(supervisor)

    page = client.get("/deadlines/overdue/", {"after": after})
    api = client.get("/api/v1/deadlines/mine/", {"after": after})

    assert page.status_code == 400
    assert "翻页位置无效" in page.content.decode()
    assert api.status_code == 400
    assert api.json() == {"after": ["翻页位置无效，请从第一页重新查看。"]}


@pytest.mark.parametrize("before", ["²", "-1", "99999999999999999999999"])
def test_a_malformed_inbox_position_answers_400(client, mediator, before):
    client.force_login(mediator)

    page = client.get("/inbox/", {"before": before})
    api = client.get("/api/v1/notifications/", {"before": before})

    assert page.status_code == 400
    assert api.status_code == 400
    assert list(api.json()) == ["before"]


@pytest.mark.parametrize("first", ["0001-01-01", "9999-12-31", "2026-02-30"])
def test_a_room_calendar_outside_the_portals_years_answers_400(client, mediator, first):
    client.force_login(mediator)
    room = org("room-440804-family")

    page = client.get(f"/mediation/rooms/{room.pk}/calendar/", {"from": first})
    api = client.get(f"/api/v1/mediation/rooms/{room.pk}/sessions/", {"from": first})

    assert page.status_code == 400
    assert api.status_code == 400
    assert list(api.json()) == ["from"]


def test_a_room_calendar_of_this_week_still_opens(client, mediator):
    client.force_login(mediator)
    room = org("room-440804-family")
    today = timezone.localdate().isoformat()

    assert client.get(f"/mediation/rooms/{room.pk}/calendar/", {"from": today}).status_code == 200


def test_an_id_beyond_the_database_integers_is_not_found(client, supervisor):
    client.force_login(supervisor)

    for url in ["/cases/99999999999999999999/", "/api/v1/cases/99999999999999999999/"]:
        assert client.get(url).status_code == 404, url


def test_a_nul_character_in_the_query_is_refused(client):
    response = client.get("/api/v1/public/regions/?parent=44%00")

    assert response.status_code == 400
    assert response.json()["detail"] == "请求地址含有不允许的字符。"
