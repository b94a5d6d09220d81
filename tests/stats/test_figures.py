"""Every figure equals a count taken straight from the raw rows, and its link opens a case
list holding exactly the cases it counts."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import time_machine
from django.http import QueryDict
from django.test import RequestFactory

from cases.filters import CaseFilter
from cases.models import Case
from courts.models import PreLitigationCase
from mediation.models import AGREEMENT_OUTCOMES, Agreement, MediationFile
from stats import rollups
from stats.models import ReportMark, ServiceActivity
from stats.periods import Month
from transfers.models import Transfer

from .seeding import at, seed

NOW = at(2026, 4, 20, 10)
MONTHS = ["2025-03", "2025-04", "2026-02", "2026-03", "2026-04"]
SCOPES = {
    "440800": {},
    "440804": {"county_code": "440804"},
    "440882": {"county_code": "440882"},
    "centre-440804": {"organisation__code": "centre-440804"},
}


@pytest.fixture
def seeded(db, no_self_routing):
    with time_machine.travel(NOW, tick=False):
        cases = seed()
        rollups.rebuild(Month(2025, 3))
        yield cases


def _overview(client, user, scope, period):
    client.force_login(user)
    with time_machine.travel(NOW, tick=False):
        response = client.get("/api/v1/stats/overview/", {"scope": scope, "period": period})
    assert response.status_code == 200, response.content
    data = response.json()
    keys = [f["key"] for s in data["sections"] for f in s["figures"]]
    assert len(keys) == len(set(keys)), "two figures of one overview share a key"
    return {f["key"]: f for s in data["sections"] for f in s["figures"]}, data


def _in(month: str, field: str) -> dict:
    start, end = Month.parse(month).bounds()
    return {f"{field}__gte": start, f"{field}__lt": end}


def _linked_count(user, link: str) -> int:
    request = RequestFactory().get(link)
    request.user = user
    query = QueryDict(urlsplit(link).query)
    return CaseFilter(data=query, queryset=Case.objects.all(), request=request).qs.count()


def test_each_figure_equals_the_raw_count_and_its_link_lists_those_cases(
    client, admin_user, seeded
):
    for scope in SCOPES:
        for month in MONTHS:
            _check_figures(client, admin_user, scope, month)


def _check_figures(client, admin_user, scope, month):
    where = SCOPES[scope]
    figures, _data = _overview(client, admin_user, scope, month)
    cases = Case.objects.filter(**where)
    files = MediationFile.objects.filter(**{f"case__{k}": v for k, v in where.items()})

    received = cases.filter(**_in(month, "filed_at")).count()
    concluded = files.filter(**_in(month, "outcome_at"))
    success = concluded.filter(outcome__in=AGREEMENT_OUTCOMES).count()
    assert figures["received"]["value"] == received
    assert figures["concluded"]["value"] == concluded.count()
    assert figures["success"]["value"] == success
    with time_machine.travel(NOW, tick=False):
        open_now = cases.open().count()
        overdue_now = cases.filter(next_due_at__lt=NOW).count()
        assert figures["open"]["value"] == open_now
        assert figures["overdue"]["value"] == overdue_now
        for key in ("received", "concluded", "success", "open", "overdue"):
            assert _linked_count(admin_user, figures[key]["link"]) == figures[key]["value"], key
    year_before = str(Month.parse(month).year_before())
    assert figures["received"]["previous"] == cases.filter(**_in(year_before, "filed_at")).count()
    amounts = Agreement.objects.filter(
        **{f"case__{k}": v for k, v in where.items()}, **_in(month, "reached_at")
    ).values_list("terms__amount", flat=True)
    assert figures["amount"]["value"] == pytest.approx(float(sum(a or 0 for a in amounts)))


def test_court_figures_equal_the_court_s_raw_rows(client, admin_user, seeded):
    for month in MONTHS:
        _check_court(client, admin_user, month)


def _check_court(client, admin_user, month):
    figures, _data = _overview(client, admin_user, "court-0804", month)
    plcs = PreLitigationCase.objects.filter(
        court__code="court-0804", **_in(month, "case__filed_at")
    )
    if not plcs.exists():
        assert "delegated" not in figures or figures["delegated"]["value"] == 0
        return
    assert figures["delegated"]["value"] == plcs.count()
    assert figures["agreed"]["value"] == plcs.filter(status="success").count()
    assert figures["confirmed"]["value"] == plcs.exclude(special_case_number="").count()
    assert figures["filed"]["value"] == plcs.exclude(first_instance_number="").count()
    with time_machine.travel(NOW, tick=False):
        for key in ("delegated", "agreed", "confirmed", "filed"):
            assert _linked_count(admin_user, figures[key]["link"]) == figures[key]["value"], key


def test_activity_counts_follow_the_day_held(client, admin_user, seeded):
    figures, _data = _overview(client, admin_user, "440804", "2026-03")
    held = ServiceActivity.objects.filter(held_on__year=2026, held_on__month=3)
    assert figures["activities"]["value"] == held.count() == 2
    assert figures["people"]["value"] == sum(held.values_list("people_reached", flat=True))


def test_report_counts_categories_successes_amounts_and_marks(client, admin_user, seeded):
    client.force_login(admin_user)
    with time_machine.travel(NOW, tick=False):
        response = client.get(
            "/api/v1/stats/report/", {"scope": "440800", "period": "2026-03", "format": "json"}
        )
    assert response.status_code == 200
    data = response.json()
    total = data["rows"][-1]
    march = _in("2026-03", "filed_at")
    assert total["month"]["received"] == Case.objects.filter(**march).count()
    ytd = {"filed_at__gte": at(2026, 1, 1), "filed_at__lt": at(2026, 4, 1)}
    assert total["ytd"]["received"] == Case.objects.filter(**ytd).count()
    concluded = MediationFile.objects.filter(**_in("2026-03", "outcome_at"))
    assert total["month"]["success"] == concluded.filter(outcome__in=AGREEMENT_OUTCOMES).count()
    marks = ReportMark.objects.filter(**_in("2026-03", "marked_at"))
    assert total["month"]["prevented_criminal"] == marks.filter(prevented_criminal=True).count()
    assert (
        total["month"]["prevented_petition"] == marks.filter(prevented_group_petition=True).count()
    )
    by_category = {row["category"]: row["month"]["received"] for row in data["rows"][:-1]}
    for code, n in by_category.items():
        assert n == Case.objects.filter(category__code=code, **march).count()
    started = {row["key"]: row["month"] for row in data["started"]}
    assert started["delegated"] == Case.objects.filter(channel="court_push", **march).count()


def test_transfer_figures_equal_the_raw_rows_and_link_to_those_cases(client, admin_user, seeded):
    for scope, where in {
        "440800": {},
        "440804": {"case__county_code": "440804"},
        "centre-440804": {"to_organisation__code": "centre-440804"},
        "centre-440882": {"to_organisation__code": "centre-440882"},
    }.items():
        for month in MONTHS:
            figures, data = _overview(client, admin_user, scope, month)
            transfers = Transfer.objects.filter(**where)
            sent = transfers.filter(**_in(month, "created_at"))
            answered = transfers.filter(**_in(month, "answered_at"))
            expected = {
                "sent": sent.count(),
                "answered": answered.count(),
                "refused": answered.filter(status="rejected").count(),
            }
            with time_machine.travel(NOW, tick=False):
                for key, value in expected.items():
                    assert figures[key]["value"] == value, (scope, month, key)
                    linked = _linked_count(admin_user, figures[key]["link"])
                    assert linked == value, (scope, month, key)
                by_kind = next(
                    t
                    for s in data["sections"]
                    for t in s["tables"]
                    if t["key"] == "transfers_by_kind"
                )
                for row in by_kind["rows"]:
                    cell = row["cells"][0]
                    assert _linked_count(admin_user, cell["link"]) == cell["value"]


def test_each_figure_of_the_dashboard_links_to_a_list(client, admin_user, seeded):
    for scope in SCOPES:
        _figures, data = _overview(client, admin_user, scope, "2026-03")
        for section in data["sections"]:
            for figure in section["figures"]:
                assert figure["link"], (scope, section["area"], figure["key"])


def test_activity_figures_link_to_the_register_filtered_to_what_they_count(
    client, admin_user, seeded
):
    for scope in ("440800", "440804", "440882", "centre-440804"):
        figures, _data = _overview(client, admin_user, scope, "2026-03")
        client.force_login(admin_user)
        for key in ("activities", "ytd"):
            response = client.get(figures[key]["link"])
            assert response.status_code == 200
            assert len(response.context["activities"]) == figures[key]["value"], (scope, key)
    response = client.get("/stats/activities/", {"held_from": "2026-13-01"})
    assert response.status_code == 400
    assert list(response.context["activities"]) == []
