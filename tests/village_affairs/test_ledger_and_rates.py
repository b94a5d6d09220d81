"""The village mediation committee's ledger, its monthly round (zero reports too), and the
小事不出村 rate per village, town and county by month."""

from __future__ import annotations

import datetime as dt

import pytest

from cases.models import DisputeCategory
from village_affairs import services
from village_affairs.models import LedgerEntry, RoundReport
from village_affairs.rates import rate, small_matters_rates

from .conftest import GAOLING, MAFENG

pytestmark = pytest.mark.django_db
NANSAN_VILLAGE = "440804100201"


def an_entry(village=GAOLING, found_on=dt.date(2026, 3, 5), outcome=None):
    entry = services.record_ledger_entry(
        actor=None,
        village_code=village,
        found_on=found_on,
        source="round",
        parties="甲、乙",
        category=DisputeCategory.objects.get(code="neighbourhood"),
        summary="排水沟",
    )
    if outcome:
        services.close_ledger_entry(actor=None, entry=entry, outcome=outcome, closed_on=found_on)
    return entry


def test_a_village_mediator_records_a_round_that_found_nothing(client, village_mediator):
    client.force_login(village_mediator)
    response = client.post(
        f"/village-affairs/{GAOLING}/ledger/round/",
        {"month": "2026-10-15", "done_on": "2026-10-28", "found_count": "0", "note": ""},
        follow=True,
    )
    assert "本月排查已报告" in response.content.decode()
    assert "零报告" in response.content.decode()
    report = RoundReport.objects.get()
    assert report.month == dt.date(2026, 10, 1)
    assert report.found_count == 0
    again = client.post(
        f"/village-affairs/{GAOLING}/ledger/round/",
        {"month": "2026-10-02", "done_on": "2026-10-28", "found_count": "1"},
    )
    assert again.status_code == 400
    assert RoundReport.objects.count() == 1


def test_a_mediator_records_and_closes_a_ledger_entry_through_the_api(client, village_mediator):
    client.force_login(village_mediator)
    created = client.post(
        "/api/v1/village-affairs/ledger/",
        {
            "village": GAOLING,
            "found_on": "2026-10-03",
            "source": "party",
            "parties": "陈某、林某",
            "category": "neighbourhood",
            "summary": "占道堆放杂物",
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    entry_id = created.json()["id"]
    closed = client.post(
        f"/api/v1/village-affairs/ledger/{entry_id}/close/",
        {"outcome": "settled", "closed_on": "2026-10-10"},
        content_type="application/json",
    )
    assert closed.json()["outcome"] == "settled"
    twice = client.post(
        f"/api/v1/village-affairs/ledger/{entry_id}/close/",
        {"outcome": "failed"},
        content_type="application/json",
    )
    assert twice.status_code == 409
    assert LedgerEntry.objects.get().outcome == "settled"


def test_the_village_clerk_reads_the_ledger_but_a_mediator_keeps_it(client, village_clerk):
    client.force_login(village_clerk)
    response = client.post(
        "/api/v1/village-affairs/rounds/",
        {"village": GAOLING, "month": "2026-10-01", "done_on": "2026-10-20", "found_count": 0},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not RoundReport.objects.exists()


def test_another_villages_ledger_is_not_found(client, other_village_clerk):
    entry = an_entry()
    client.force_login(other_village_clerk)
    assert client.get(f"/village-affairs/{GAOLING}/ledger/").status_code == 404
    assert client.get("/api/v1/village-affairs/ledger/").json() == []
    assert (
        client.post(
            f"/api/v1/village-affairs/ledger/{entry.pk}/close/",
            {"outcome": "settled"},
            content_type="application/json",
        ).status_code
        == 404
    )


def test_the_rate_is_settled_over_concluded_per_village_town_and_county():
    # 高岭村 in March: 3 settled, 1 referred, 1 still open; 麻俸村 (same town): 1 failed;
    # a village of 南三镇: 1 settled.
    for outcome in ("settled", "settled", "settled", "referred", None):
        an_entry(outcome=outcome)
    an_entry(MAFENG, outcome="failed")
    an_entry(NANSAN_VILLAGE, outcome="settled")
    march = dt.date(2026, 3, 1)
    villages = {
        r["region"]: r
        for r in small_matters_rates(level="village", month_from=march, month_to=march)
    }
    assert villages[GAOLING]["handled"] == 5
    assert villages[GAOLING]["concluded"] == 4
    assert rate(villages[GAOLING]) == 0.75
    towns = {
        r["region"]: rate(r)
        for r in small_matters_rates(level="town", month_from=march, month_to=march)
    }
    assert towns == {"440804104": 0.6, "440804100": 1.0}
    (county,) = small_matters_rates(level="county", month_from=march, month_to=march)
    assert (county["region"], county["settled"], county["concluded"]) == ("440804", 4, 6)
    assert not small_matters_rates(
        level="county", month_from=dt.date(2026, 4, 1), month_to=dt.date(2026, 4, 1)
    )


def test_the_rates_page_states_its_definition_and_drills_down(
    client, city_leader, django_assert_max_num_queries
):
    an_entry(outcome="settled")
    client.force_login(city_leader)
    with django_assert_max_num_queries(8):
        page = client.get("/village-affairs/rates/?from=2026-01&to=2026-12")
    text = page.content.decode()
    assert "口径" in text
    assert "仍在化解中的纠纷不计入分母" in text
    assert "坡头区" in text
    assert "100%" in text
    town = client.get("/village-affairs/rates/?from=2026-01&to=2026-12&within=440804").content
    assert "官渡镇" in town.decode()
    api = client.get("/api/v1/village-affairs/rates/?level=town&from=2026-03&to=2026-03").json()
    assert api == [
        {
            "region": "440804104",
            "month": "2026-03-01",
            "handled": 1,
            "concluded": 1,
            "settled": 1,
            "rate": 1.0,
        }
    ]
    assert client.get("/api/v1/village-affairs/rates/?level=planet").status_code == 400
    assert client.get("/api/v1/village-affairs/rates/?from=2026-13").status_code == 400
