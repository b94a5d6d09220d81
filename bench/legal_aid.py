"""Legal aid at scale: the officer's list and desk, the staff list API and the totals over
many applications.

    DATABASE_URL=... python bench/legal_aid.py [--applications 100000] [--runs 50] [--smoke]

Needs a migrated database (reference data). Seeds its applications once (marked by their
case numbers, so a second run reuses them) with a case each, as the portal keeps them; most
belong to 坡头区's centre, whose officer the lists are timed for, the rest to the other
counties. ``--smoke`` seeds a few thousand and measures each thing once.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhanjiang_portal.settings")
# Development secrets, as every bench script runs (the settings refuse to start without them).
os.environ.setdefault("DJANGO_DEBUG", "on")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Membership, Organisation, Role  # noqa: E402
from cases.models import Case, CaseStatus, DisputeCategory  # noqa: E402
from legal_aid.models import Application, ApplicationStatus, MatterType, MonthlyTotal  # noqa: E402
from legal_aid.totals import exact_totals, rebuild, totals  # noqa: E402

PREFIX = "BENCH法援"
VILLAGE = "440804104207"
HOME = "legalaid-440804"
BATCH = 5000


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def seed(total: int) -> None:
    have = Case.objects.filter(number__startswith=PREFIX).count()
    if have >= total:
        print(f"seed: {have} applications already there")
        return
    home = Organisation.objects.get(code=HOME)
    others = list(Organisation.objects.filter(kind="legal_aid_centre").exclude(pk=home.pk))
    category = DisputeCategory.objects.get(code="labour")
    statuses = list(ApplicationStatus.values)
    matters = MatterType.values
    rng = random.Random(7)
    now = timezone.now()
    started = time.perf_counter()
    for first in range(have, total, BATCH):
        cases, rows = [], []
        for i in range(first, min(first + BATCH, total)):
            centre = home if rng.random() < 0.6 else rng.choice(others)
            county = centre.region_id if len(centre.region_id or "") == 6 else "440804"
            when = now - dt.timedelta(minutes=rng.randrange(0, 60 * 24 * 730))
            cases.append(
                Case(
                    number=f"{PREFIX}-{i}",
                    organisation=centre,
                    numbered_by=centre,
                    number_year=when.year,
                    number_sequence=i + 1,
                    tracking_code="BENCHBENCH",
                    channel="online",
                    category=category,
                    village_id=VILLAGE,
                    town_code=VILLAGE[:9],
                    county_code=county,
                    status=CaseStatus.ACCEPTED,
                    description="bench",
                    filed_at=when,
                )
            )
            status = rng.choice(statuses)
            rows.append(
                {
                    "centre": centre,
                    "county_code": county,
                    "channel": "online",
                    "matter_type": rng.choice(matters),
                    "applicant_name": f"申请人{i}",
                    "applicant_phone": f"139{i:08d}",
                    "opponent": "某公司",
                    "facts": "bench",
                    "matter_key": f"bench-{i}",
                    "status": status,
                    "submitted_at": when,
                    "amount_recovered": Decimal(rng.randrange(0, 200000))
                    if status == ApplicationStatus.CLOSED
                    else None,
                    "satisfaction": rng.randint(1, 5)
                    if status == ApplicationStatus.CLOSED
                    else None,
                }
            )
        with transaction.atomic():
            created = Case.objects.bulk_create(cases)
            Application.objects.bulk_create(
                [Application(case=c, **r) for c, r in zip(created, rows, strict=True)]
            )
        print(f"seed: {first + len(rows)} / {total}", flush=True)
    rebuild()  # the monthly totals, as the services keep them for applications they create
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE legal_aid_application")
        cursor.execute("ANALYZE cases_case")
    print(f"seed: {time.perf_counter() - started:.0f} s")


def officer():
    user, _ = get_user_model().objects.get_or_create(username="bench_legalaid")
    Membership.objects.get_or_create(
        user=user, organisation=Organisation.objects.get(code=HOME), role=Role.LEGAL_AID_OFFICER
    )
    return user


def measure(name: str, fn, runs: int) -> None:
    fn()  # warm
    times, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            fn()
            times.append((time.perf_counter() - started) * 1000)
        queries = len(captured)
    print(
        f"{name:<42} p50 {percentile(times, 50):7.1f} ms  p95 {percentile(times, 95):7.1f} ms"
        f"  queries {queries}"
    )


def get(client: Client, url: str):
    def fetch():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return fetch


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--applications", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    if args.smoke:
        args.applications, args.runs = 3000, 1
    seed(args.applications)
    if not MonthlyTotal.objects.exists():
        rebuild()
    client = Client(SERVER_NAME="localhost")
    client.force_login(officer())
    this_month = timezone.localdate().replace(day=1)
    year_ago = (this_month - dt.timedelta(days=335)).replace(day=1)
    next_month = (this_month + dt.timedelta(days=32)).replace(day=1)
    runs = args.runs
    print(f"applications: {Application.objects.count()}  runs: {runs}")
    # A page with no data of its own: what any page costs on this machine right now.
    measure("baseline: empty tracking page", get(client, "/legal-aid/track/"), runs)
    measure("officer list /legal-aid/applications/", get(client, "/legal-aid/applications/"), runs)
    measure(
        "officer list ?status=under_review",
        get(client, "/legal-aid/applications/?status=under_review"),
        runs,
    )
    measure("officer desk /legal-aid/", get(client, "/legal-aid/"), runs)
    measure("staff API /api/v1/legal-aid/applications/", get(client, "/api/v1/legal-aid/applications/"), runs)  # fmt: skip
    measure(
        "totals, city, 12 months (monthly rows)",
        lambda: list(totals(year_ago, next_month)),
        runs,
    )
    start = timezone.make_aware(dt.datetime.combine(year_ago, dt.time()))
    end = timezone.make_aware(dt.datetime.combine(next_month, dt.time()))
    measure(
        "totals, city, 12 months (aggregating rows)",
        lambda: list(exact_totals(start, end)),
        runs,
    )
    measure("totals page, officer's centre", get(client, "/legal-aid/totals/"), runs)


if __name__ == "__main__":
    main()
