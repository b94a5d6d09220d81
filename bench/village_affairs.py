"""Benchmark: a village's public page and postings list, and the city-wide 小事不出村 table.

    DATABASE_URL=postgres://... python bench/village_affairs.py [--villages 1992] [--years 10]
        [--requests 200] [--smoke] [--clean]

Seeds ten years of monthly postings for every village (about 240,000, finance ones with three
lines each), two rule versions per village and a ledger entry a village a month, then times
the pages and API calls through Django's test client. ``--smoke`` seeds 200 villages for one
year and measures each call once. Bench rows (title or parties starting BENCH) are removed at
the start of the next run, or with ``--clean``. PostgreSQL seeds with COPY; SQLite (smoke only)
with bulk inserts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhanjiang_portal.settings")
# Development secrets, as every bench script runs (the settings refuse to start without them).
os.environ.setdefault("DJANGO_DEBUG", "on")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Membership, Organisation, Role  # noqa: E402
from cases.models import DisputeCategory  # noqa: E402
from village_affairs.models import (  # noqa: E402
    FinanceLine,
    LedgerEntry,
    Posting,
    RuleVersion,
)
from village_affairs.rates import rebuild_figures  # noqa: E402
from village_affairs.views import public_postings  # noqa: E402
from villages.models import Region  # noqa: E402

MARK = "BENCH"
OUTCOMES = ["settled"] * 6 + ["referred", "failed", "pending"]


def main() -> None:
    args = parse()
    call_command("migrate", verbosity=0)
    villages = list(
        Region.objects.villages().order_by("code").values_list("code", flat=True)[: args.villages]
    )
    started = time.perf_counter()
    if args.reuse and Posting.objects.filter(title__startswith=MARK).exists():
        rebuild_figures()
    else:
        clean()
        if args.clean:
            return
        seed(villages, args.years)
    print(
        f"seeded {Posting.objects.count():,} postings, {FinanceLine.objects.count():,} lines, "
        f"{LedgerEntry.objects.count():,} ledger entries for {len(villages):,} villages "
        f"in {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    measure_all(villages, 1 if args.smoke else args.requests)


def parse():
    parser = argparse.ArgumentParser()
    parser.add_argument("--villages", type=int, default=1992)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--clean", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="keep the rows of the last run")
    args = parser.parse_args()
    if args.smoke:
        args.villages, args.years = min(args.villages, 200), 1
    elif connection.vendor != "postgresql":
        sys.exit("The full benchmark needs PostgreSQL (DATABASE_URL=postgres://...); try --smoke.")
    return args


def clean() -> None:
    with transaction.atomic():
        bench_postings = Posting.objects.filter(title__startswith=MARK)
        FinanceLine.objects.filter(posting__in=bench_postings).delete()
        bench_postings.delete()
        LedgerEntry.objects.filter(parties__startswith=MARK).delete()
        RuleVersion.objects.filter(title__startswith=MARK).delete()
        rebuild_figures()


def months(years: int) -> list[dt.date]:
    first = timezone.localdate().replace(day=1)
    out = []
    for _ in range(years * 12):
        first = (first - dt.timedelta(days=1)).replace(day=1)
        out.append(first)
    return sorted(out)


def month_end(start: dt.date) -> dt.date:
    return (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def kind_of(month: dt.date) -> str:
    """Finances monthly; in the last month of a quarter, village or Party affairs instead."""
    if month.month % 3:
        return "finance"
    return "affairs" if month.month % 6 else "party"


def seed(villages: list[str], years: int) -> None:
    rng = random.Random(7)
    category_ids = list(DisputeCategory.objects.values_list("id", flat=True))
    now = timezone.now()
    postings, lines, entries, rules = [], [], [], []
    next_id = (Posting.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    for code in villages:
        for number, (adopted, note) in enumerate(
            ((dt.date(2019, 3, 1), ""), (dt.date(2024, 4, 1), "修订")), start=1
        ):
            rules.append(
                RuleVersion(
                    village_id=code,
                    town_code=code[:9],
                    county_code=code[:6],
                    number=number,
                    title=f"{MARK} 村规民约",
                    text="第一条 村务公开。\n第二条 一户一宅。",
                    status="approved",
                    change_note=note,
                    meeting_kind="representatives",
                    adopted_on=adopted,
                    members_total=45,
                    present=40,
                    votes_for=38,
                    votes_against=1,
                    votes_abstain=1,
                )
            )
        for month in months(years):
            kind = kind_of(month)
            finance = kind == "finance"
            postings.append(
                (
                    next_id,
                    code,
                    kind,
                    month,
                    month_end(month),
                    f"{MARK} {month:%Y-%m} {kind}",
                    "1000.00" if finance else None,
                    "1300.00" if finance else None,
                    now,
                )
            )
            if finance:
                lines += [
                    (next_id, True, "集体土地租金", "500.00"),
                    (next_id, False, "村道维护", "150.00"),
                    (next_id, False, "办公费用", "50.00"),
                ]
            next_id += 1
            outcome = rng.choice(OUTCOMES)
            entries.append(
                LedgerEntry(
                    village_id=code,
                    town_code=code[:9],
                    county_code=code[:6],
                    month=month,
                    found_on=month + dt.timedelta(days=rng.randint(0, 27)),
                    source="round",
                    parties=f"{MARK} 甲、乙",
                    category_id=rng.choice(category_ids),
                    summary="邻里纠纷",
                    outcome=outcome,
                    closed_on=None if outcome == "pending" else month_end(month),
                )
            )
    RuleVersion.objects.bulk_create(rules, batch_size=2000)
    if connection.vendor == "postgresql":
        copy_postings(postings, lines)
    else:
        insert_postings(postings, lines)
    LedgerEntry.objects.bulk_create(entries, batch_size=5000)
    rebuild_figures()


def copy_postings(postings: list[tuple], lines: list[tuple]) -> None:
    def text(value) -> str:
        return r"\N" if value is None else str(value)

    buffer = io.StringIO()
    for pk, code, kind, start, end, title, opening, closing, now in postings:
        row = [
            pk,
            code,
            code[:9],
            code[:6],
            kind,
            start,
            end,
            title,
            "",
            "published",
            1,
            "",
            opening,
            closing,
            now.isoformat(),
            now.isoformat(),
            now.isoformat(),
        ]
        buffer.write("\t".join(text(v) for v in row) + "\n")
    buffer.seek(0)
    line_buffer = io.StringIO()
    for posting_id, is_income, category, amount in lines:
        line_buffer.write(f"{posting_id}\t{'t' if is_income else 'f'}\t{category}\t{amount}\t\n")
    line_buffer.seek(0)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            "COPY village_affairs_posting (id, village_id, town_code, county_code, kind, "
            "period_start, period_end, title, body, status, version, correction_reason, "
            "opening_balance, closing_balance, published_at, created_at, updated_at) FROM STDIN",
            buffer,
        )
        cursor.cursor.copy_expert(
            "COPY village_affairs_financeline (posting_id, is_income, category, amount, note) "
            "FROM STDIN",
            line_buffer,
        )
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('village_affairs_posting', 'id'), "
            "(SELECT MAX(id) FROM village_affairs_posting))"
        )


def insert_postings(postings: list[tuple], lines: list[tuple]) -> None:
    Posting.objects.bulk_create(
        [
            Posting(
                id=pk,
                village_id=code,
                town_code=code[:9],
                county_code=code[:6],
                kind=kind,
                period_start=start,
                period_end=end,
                title=title,
                status="published",
                opening_balance=opening,
                closing_balance=closing,
                published_at=now,
            )
            for pk, code, kind, start, end, title, opening, closing, now in postings
        ],
        batch_size=2000,
    )
    FinanceLine.objects.bulk_create(
        [FinanceLine(posting_id=p, is_income=i, category=c, amount=a) for p, i, c, a in lines],
        batch_size=5000,
    )


def timed(client: Client, urls: list[str], n: int) -> tuple[dict, int]:
    """Wall time, this process's CPU time and the SQL time of each request, in ms."""
    samples: dict[str, list[float]] = {"wall": [], "cpu": [], "sql": []}
    queries = 0
    for i in range(n):
        url = urls[i % len(urls)]
        with CaptureQueriesContext(connection) as ctx:
            wall, cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            samples["wall"].append((time.perf_counter() - wall) * 1000)
            samples["cpu"].append((time.process_time() - cpu) * 1000)
        samples["sql"].append(sum(float(q["time"]) for q in ctx.captured_queries) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        queries = max(queries, len(ctx.captured_queries))
    return samples, queries


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(len(ordered) * 0.95) - 1)]


def report(name: str, samples: dict, queries: int, target: float) -> None:
    wall, cpu, sql = samples["wall"], samples["cpu"], samples["sql"]
    verdict = "ok" if p95(wall) < target else f"over {target:.0f}"
    print(
        f"{name:<50} wall p50 {statistics.median(wall):6.1f} p95 {p95(wall):6.1f}  "
        f"cpu p50 {statistics.median(cpu):5.1f} p95 {p95(cpu):5.1f}  "
        f"sql p50 {statistics.median(sql):5.1f} p95 {p95(sql):5.1f}  q {queries:>2}  {verdict}",
        flush=True,
    )


def leader() -> object:
    user, _ = get_user_model().objects.get_or_create(username="bench-leader")
    Membership.objects.get_or_create(
        user=user, organisation=Organisation.objects.get(code="plc-city"), role=Role.CITY_LEADER
    )
    return user


def measure_all(villages: list[str], n: int) -> None:
    rng = random.Random(11)
    sample = [rng.choice(villages) for _ in range(50)]
    public = Client(HTTP_HOST="localhost")
    # Warm the connection and the caches a running server would have.
    public.get(f"/villages/{sample[0]}/")
    cursors = []
    for code in sample[:10]:
        _page, cursor = public_postings(code, "finance")
        cursors.append(f"/villages/{code}/?kind=finance&before={cursor}")
    print(f"Milliseconds per request through Django's test client, {n} requests each.")
    cases = [
        ("public village page", [f"/villages/{c}/" for c in sample], 30),
        ("public village page, finance, second page", cursors, 30),
        (
            "API postings ?kind=finance",
            [f"/api/v1/villages/{c}/postings/?kind=finance" for c in sample],
            30,
        ),
        ("API postings (all kinds)", [f"/api/v1/villages/{c}/postings/" for c in sample], 30),
        ("API rules", [f"/api/v1/villages/{c}/rules/" for c in sample], 30),
    ]
    for name, urls, target in cases:
        report(name, *timed(public, urls, n), target)
    staff = Client(HTTP_HOST="localhost")
    staff.force_login(leader())
    year = timezone.localdate().replace(day=1)
    last = months(1)[0]
    window = f"from={year.replace(year=year.year - 1):%Y-%m}&to={year:%Y-%m}"
    for name, url in (
        ("小事不出村 city-wide table (counties, 13 months)", f"/village-affairs/rates/?{window}"),
        (
            "小事不出村 API, every town, 13 months",
            f"/api/v1/village-affairs/rates/?level=town&{window}",
        ),
        (
            "小事不出村 API, every village, one month",
            f"/api/v1/village-affairs/rates/?level=village&from={last:%Y-%m}&to={last:%Y-%m}",
        ),
    ):
        staff.get(url)
        report(name, *timed(staff, [url], n), 50)


if __name__ == "__main__":
    main()
