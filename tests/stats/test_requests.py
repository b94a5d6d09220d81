"""Bad input, reach, and the leader who only looks."""

from __future__ import annotations

import csv
import io

import pytest
import time_machine
from openpyxl import load_workbook

from accounts.models import Organisation
from stats import rollups
from stats.models import ReportMark, ServiceActivity, StalePeriod
from stats.periods import Month
from stats.tasks import refresh_stale_task
from tests.cases.factories import a_case

from .seeding import POTOU_VILLAGE, at

NOW = at(2026, 4, 20, 10)


@pytest.fixture
def some_data(db, no_self_routing):
    centre = Organisation.objects.get(code="centre-440804")
    with time_machine.travel(NOW, tick=False):
        a_case(organisation=centre)
        early = a_case(organisation=centre)
        type(early).objects.filter(pk=early.pk).update(filed_at=at(2026, 1, 10))
        rollups.rebuild(Month(2025, 1))


def get(client, user, path, **params):
    client.force_login(user)
    with time_machine.travel(NOW, tick=False):
        return client.get(path, params)


def test_a_period_in_the_future_is_refused_with_a_reason(client, city_leader, some_data):
    response = get(client, city_leader, "/api/v1/stats/overview/", scope="440800", period="2026-05")
    assert response.status_code == 400
    assert "不能晚于本月" in response.json()["period"][0]
    page = get(client, city_leader, "/stats/", scope="440800", period="2026-05")
    assert page.status_code == 400
    assert "不能晚于本月" in page.content.decode()


def test_a_period_before_the_data_is_refused_with_the_first_month(client, city_leader, some_data):
    response = get(client, city_leader, "/api/v1/stats/report/", scope="440800", period="2025-12")
    assert response.status_code == 400
    assert "2026-01" in response.json()["period"][0]


@pytest.mark.parametrize("period", ["2026-13", "26-03", "March", "2026-3"])
def test_a_malformed_period_is_refused(client, city_leader, some_data, period):
    response = get(client, city_leader, "/api/v1/stats/overview/", scope="440800", period=period)
    assert response.status_code == 400


def test_an_empty_period_gives_zeros_not_errors(client, city_leader, some_data):
    response = get(client, city_leader, "/api/v1/stats/overview/", scope="440882", period="2026-02")
    assert response.status_code == 200
    figures = {f["key"]: f["value"] for s in response.json()["sections"] for f in s["figures"]}
    assert figures["received"] == 0
    assert figures["concluded"] == 0
    assert figures["success_rate"] is None
    report = get(client, city_leader, "/api/v1/stats/report/", scope="440882", period="2026-02")
    assert report.json()["rows"][-1]["month"]["received"] == 0


def test_a_scope_outside_the_user_s_answers_404(client, supervisor, some_data):
    mine = get(
        client, supervisor, "/api/v1/stats/overview/", scope="centre-440804", period="2026-04"
    )
    assert mine.status_code == 200
    for scope in ("centre-440882", "440882", "440800", "no-such-org"):
        response = get(client, supervisor, "/api/v1/stats/overview/", scope=scope, period="2026-04")
        assert response.status_code == 404, scope
    compare = get(client, supervisor, "/api/v1/stats/overview/", scope="440804", compare="440882")
    assert compare.status_code == 404


def test_a_bureau_officer_sees_the_county_and_its_towns(client, bureau_officer, some_data):
    for scope in ("440804", "440804104"):
        response = get(client, bureau_officer, "/api/v1/stats/overview/", scope=scope)
        assert response.status_code == 200, scope
    assert get(client, bureau_officer, "/api/v1/stats/overview/", scope="440882").status_code == 404


def test_a_mediator_has_no_statistics(client, mediator, some_data):
    assert get(client, mediator, "/api/v1/stats/overview/").status_code == 404


def test_the_leader_compares_two_counties(client, city_leader, some_data):
    response = get(client, city_leader, "/api/v1/stats/overview/", scope="440804", compare="440882")
    table = response.json()["compare"]
    received = next(r for r in table["rows"] if r["label"] == "收案")
    assert [c["value"] for c in received["cells"]] == [1, 0]  # April


def test_the_leader_may_not_record_an_activity_on_the_page_or_the_api(client, city_leader, db):
    client.force_login(city_leader)
    payload = {
        "organisation": "plc-city",
        "kind": "legal_education",
        "title": "普法",
        "held_on": "2026-04-01",
        "place": "礼堂",
        "region": POTOU_VILLAGE,
        "people_reached": 5,
    }
    api = client.post("/api/v1/stats/activities/", payload, content_type="application/json")
    assert api.status_code == 403
    assert api.json()["code"] == "forbidden"
    page = client.post("/stats/activities/new/", payload)
    assert page.status_code == 403
    assert "普法" in page.content.decode()  # what was typed is kept
    assert not ServiceActivity.objects.exists()


def test_the_leader_may_not_mark_a_case_for_the_report(client, city_leader, no_self_routing):
    case = a_case(organisation=Organisation.objects.get(code="centre-440804"))
    client.force_login(city_leader)
    response = client.post(f"/stats/cases/{case.pk}/mark/", {"prevented_criminal": "on"})
    assert response.status_code == 403  # in reach, read-only: refused as the API refuses
    assert not ReportMark.objects.exists()
    assert not case.events.filter(kind="report_marked").exists()


def test_a_supervisor_marks_a_case_and_the_timeline_says_so(
    client, supervisor, no_self_routing, django_capture_on_commit_callbacks
):
    case = a_case(organisation=Organisation.objects.get(code="centre-440804"))
    client.force_login(supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/stats/cases/{case.pk}/mark/", {"prevented_criminal": "on"})
    assert ReportMark.objects.get(case=case).prevented_criminal
    assert case.events.filter(kind="report_marked", actor=supervisor).exists()
    assert StalePeriod.objects.filter(period=str(Month.current())).exists()


def test_a_filing_marks_its_month_stale_and_the_refresh_counts_it(
    client, city_leader, no_self_routing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        a_case(organisation=Organisation.objects.get(code="centre-440804"))
    assert set(StalePeriod.objects.values_list("period", flat=True)) == {
        str(Month.current()),
        "now",
    }
    refresh_stale_task.apply()
    assert not StalePeriod.objects.exists()
    client.force_login(city_leader)
    data = client.get("/api/v1/stats/overview/", {"scope": "440804"}).json()
    figures = {f["key"]: f["value"] for s in data["sections"] for f in s["figures"]}
    assert figures["received"] == 1
    assert figures["open"] == 1


def test_a_burst_of_filings_queues_one_refresh_and_a_later_filing_the_next(
    db, no_self_routing, django_capture_on_commit_callbacks, settings
):
    from celery.signals import before_task_publish
    from django.core.cache import cache

    from stats.services import REFRESH_QUEUED_KEY

    settings.STATS_REFRESH_DELAY_SECONDS = 30
    cache.delete(REFRESH_QUEUED_KEY)
    published: list[dict] = []

    def count(sender=None, headers=None, **_kwargs):
        if sender == "stats.refresh_stale":
            published.append(headers or {})

    before_task_publish.connect(count, weak=False)
    try:
        centre = Organisation.objects.get(code="centre-440804")
        for _ in range(3):
            with django_capture_on_commit_callbacks(execute=True):
                a_case(organisation=centre)
        assert len(published) == 1
        assert published[0].get("eta")  # it runs after the delay, counting all three
        assert StalePeriod.objects.filter(period="now").exists()

        cache.delete(REFRESH_QUEUED_KEY)  # the delay is over: the first refresh has run
        with django_capture_on_commit_callbacks(execute=True):
            a_case(organisation=centre)
        assert len(published) == 2
    finally:
        before_task_publish.disconnect(count)
        cache.delete(REFRESH_QUEUED_KEY)


def test_a_supervisor_records_an_activity_and_the_public_sees_it_coming(client, supervisor, db):
    client.force_login(supervisor)
    response = client.post(
        "/api/v1/stats/activities/",
        {
            "organisation": "centre-440804",
            "kind": "legal_education",
            "title": "民法典进村",
            "held_on": "2099-01-05",
            "place": "高岭村委会",
            "region": POTOU_VILLAGE,
            "people_reached": 80,
            "is_public": True,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    client.logout()
    public = client.get("/activities/upcoming/")
    assert "民法典进村" in public.content.decode()


def test_report_downloads_as_xlsx_and_formula_safe_csv(client, city_leader, some_data):
    Organisation.objects.filter(code="centre-440804").update(name="=HYPERLINK(1)")
    xlsx = get(client, city_leader, "/api/v1/stats/report/", scope="centre-440804", format="xlsx")
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["A1"].value == "人民调解案件统计表"
    assert sheet["A3"].value == "纠纷类别"
    assert sheet["B4"].value == "受理"
    text = get(client, city_leader, "/api/v1/stats/report/", scope="centre-440804", format="csv")
    rows = list(csv.reader(io.StringIO(text.content.decode("utf-8-sig"))))
    assert rows[0][0] == "'=HYPERLINK(1)"
    assert rows[-5][0] == "合计" or any(r and r[0] == "合计" for r in rows)
    bad = get(client, city_leader, "/api/v1/stats/report/", scope="440800", format="pdf")
    assert bad.status_code == 400


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def activity_with_photos(client, *names):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        "/stats/activities/new/",
        {
            "organisation": "centre-440804",
            "kind": "legal_education",
            "title": "民法典进村",
            "held_on": "2026-04-01",
            "place": "高岭村委会",
            "region": POTOU_VILLAGE,
            "people_reached": 80,
            "photos": [SimpleUploadedFile(name, PNG, "image/png") for name in names],
        },
    )


@pytest.mark.usefixtures("file_storage")
def test_an_activity_keeps_its_photos_in_the_file_storage(client, supervisor, db):
    from django.core.files.storage import default_storage

    client.force_login(supervisor)

    response = activity_with_photos(client, "a.png", "b.png")

    assert response.status_code == 302
    photos = ServiceActivity.objects.get().photos.all()
    assert len(photos) == 2
    for photo in photos:
        assert photo.image.name.startswith("activities/")
        with default_storage.open(photo.image.name) as stored:
            assert stored.read() == PNG


@pytest.mark.usefixtures("object_storage_unreachable")
def test_photos_sent_while_object_storage_is_unreachable_record_nothing(client, supervisor, db):
    client.force_login(supervisor)

    response = activity_with_photos(client, "a.png")

    assert response.status_code == 400
    assert "文件存储暂时无法访问" in response.content.decode()
    assert "民法典进村" in response.content.decode()  # what was typed is kept
    assert not ServiceActivity.objects.exists()
