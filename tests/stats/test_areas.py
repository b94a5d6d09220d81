"""Legal aid and the village ledger on the dashboards: each figure equals the count or sum
taken straight from those apps' own rows, on both sides of month ends, the year before and
the edge between two counties."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from stats import rollups
from stats.periods import Month

from .seeding import at
from .test_figures import _in, _overview

NOW = at(2026, 4, 20, 10)
MONTHS = ["2025-03", "2026-02", "2026-03", "2026-04"]
GAOLING = "440804104207"  # 坡头区
# Moments either side of the end of March 2026 and of March 2025.
MOMENTS = [
    at(2026, 2, 28, 23, 59, 59),
    at(2026, 3, 1, 0, 0, 0),
    at(2026, 3, 31, 23, 59, 59),
    at(2026, 4, 1, 0, 0, 0),
    at(2025, 3, 31, 23, 59, 59),
]


def _leizhou_village() -> str:
    from villages.models import Region

    return Region.objects.filter(code__startswith="440882", level="village").first().code


def test_legal_aid_figures_equal_the_applications(client, admin_user, no_self_routing, settings):
    pytest.importorskip("legal_aid.totals")
    from legal_aid import services
    from legal_aid.models import Application, ExemptReason, MatterType
    from legal_aid.totals import rebuild

    settings.LEGAL_AID_VERIFICATION_SHARE = 0
    villages = [GAOLING, _leizhou_village()]
    for n, moment in enumerate(MOMENTS * 2):
        with time_machine.travel(moment, tick=False):
            application = services.apply(
                data=services.ApplicationInput(
                    applicant_name=f"陈某{n}",
                    applicant_phone=f"1381234{n:04d}",
                    village_code=villages[n % 2],
                    matter_type=MatterType.UNPAID_WAGES,
                    opponent=f"湛江某建筑劳务公司{n}",
                    facts="在工地干了8个月，老板欠工资。",
                    amount_claimed=Decimal("46000"),
                    exempt_reason=ExemptReason.MIGRANT_WORKER,
                ),
                commitment=None,
            )
        Application.objects.filter(pk=application.pk).update(
            status=["granted", "closed", "rejected"][n % 3],
            amount_recovered=Decimal("1000.50") * (n + 1) if n % 3 == 1 else None,
        )
    rebuild()  # legal aid's own totals from its applications
    with time_machine.travel(NOW, tick=False):
        rollups.rebuild(Month(2025, 3))
    for scope, where in {"440800": {}, "440804": {"county_code": "440804"}}.items():
        for month in MONTHS:
            figures, _data = _overview(client, admin_user, scope, month)
            rows = Application.objects.filter(**where, **_in(month, "submitted_at"))
            recovered = sum(a or 0 for a in rows.values_list("amount_recovered", flat=True))
            assert figures["applications"]["value"] == rows.count(), (scope, month)
            aided = rows.filter(status__in=["granted", "assigned", "in_progress", "closed"])
            assert figures["aided"]["value"] == aided.count()
            assert figures["closed"]["value"] == rows.filter(status="closed").count()
            assert figures["recovered"]["value"] == pytest.approx(float(recovered))
            assert all(figures[k]["link"] for k in ("applications", "recovered"))


def test_the_small_matters_rate_equals_the_village_ledger(client, admin_user, no_self_routing):
    pytest.importorskip("village_affairs.rates")
    from cases.models import DisputeCategory
    from village_affairs import services
    from village_affairs.models import LedgerEntry

    category = DisputeCategory.objects.get(code="neighbourhood")
    villages = [GAOLING, _leizhou_village()]
    for n, moment in enumerate(MOMENTS * 3):
        day = moment.date()
        entry = services.record_ledger_entry(
            actor=None,
            village_code=villages[n % 2],
            found_on=day,
            source="round",
            parties="甲、乙",
            category=category,
            summary="排水沟",
        )
        outcome = ["settled", "referred", "failed", None][n % 4]
        if outcome:
            services.close_ledger_entry(
                actor=None, entry=entry, outcome=outcome, closed_on=day + dt.timedelta(days=2)
            )
    with time_machine.travel(NOW, tick=False):
        rollups.rebuild(Month(2025, 3))
    scopes = {
        "440800": {},
        "440804": {"county_code": "440804"},
        "440804104": {"town_code": "440804104"},
        "440882": {"county_code": "440882"},
    }
    for scope, where in scopes.items():
        for month in MONTHS:
            figures, data = _overview(client, admin_user, scope, month)
            first = Month.parse(month).first_day
            rows = LedgerEntry.objects.filter(**where, month=first)
            concluded = rows.exclude(outcome="pending").count()
            settled = rows.filter(outcome="settled").count()
            assert figures["village_handled"]["value"] == rows.count(), (scope, month)
            assert figures["village_concluded"]["value"] == concluded
            assert figures["village_settled"]["value"] == settled
            expected = round(100 * settled / concluded, 2) if concluded else None
            assert figures["small_matters_rate"]["value"] == expected
            assert figures["small_matters_rate"]["link"]
    # A town's table lists its villages, each with its own rate.
    _figures, data = _overview(client, admin_user, "440804104", "2026-03")
    places = next(
        t for s in data["sections"] for t in s["tables"] if t["key"] == "villages_by_place"
    )
    gaoling = LedgerEntry.objects.filter(village_id=GAOLING, month=dt.date(2026, 3, 1))
    [row] = places["rows"]
    assert row["cells"][1]["value"] == gaoling.filter(outcome="settled").count()
    assert row["cells"][2]["value"] == gaoling.exclude(outcome="pending").count()
