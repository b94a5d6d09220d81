"""Statistics benchmark: the rollup refresh, the dashboards and the report at 1,000,000 cases
and 100,000 service activities.

    DATABASE_URL=postgres://.../zj_bench python bench/stats.py [--cases 1000000]
        [--activities 100000] [--rounds 100] [--smoke]

Seeds a throwaway PostgreSQL database with INSERT ... SELECT generate_series (cases over the
last 36 months in every town of the city, their mediation outcomes, service activities),
rebuilds the rollups once, then times the real code paths and prints p50/p95 and SQL query
counts. ``--smoke``: a few thousand rows, each measurement once.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import harness  # noqa: F401  (sets Django up: import it before the project)

# isort: split
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, reset_queries
from django.test import Client

from accounts.models import Membership, Organisation, Role
from cases.models import Case, DisputeCategory
from stats import rollups
from stats.periods import Month
from villages.models import Region

MONTHS = 36


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def report(name: str, timings: list[float], queries: list[int], cpu=None, sql=None) -> None:
    extra = ""
    if cpu:
        extra = (
            f"  cpu {statistics.median(cpu) * 1000:6.1f}  sql {statistics.median(sql) * 1000:6.1f}"
        )
    print(
        f"{name:<40} p50 {statistics.median(timings) * 1000:7.1f} ms"
        f"  p95 {percentile(timings, 95) * 1000:7.1f} ms  queries {max(queries):2}{extra}",
        flush=True,
    )


def places() -> list[tuple[str, str, str, int]]:
    """(village, town, county, organisation id): each village's cases handled by its town's
    people's mediation committee, every tenth by the village committee's own."""
    orgs = dict(Organisation.objects.filter(code__startswith="pmc-").values_list("code", "pk"))
    rows = []
    for code in Region.objects.villages().values_list("code", flat=True):
        town_org = orgs.get(f"pmc-{code[:9]}")
        if town_org:
            rows.append((code, code[:9], code[:6], town_org))
    return rows


@contextmanager
def indexes_dropped(cursor, table: str):
    """Bulk loading: drop a table's secondary indexes (not those behind its constraints), load,
    then build them again, each in one sorted pass instead of a million random inserts."""
    cursor.execute(
        """
        SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN
            (SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)
        """,
        [table, table],
    )
    kept = cursor.fetchall()
    for name, _definition in kept:
        cursor.execute(f'DROP INDEX "{name}"')
    cursor.execute("SET maintenance_work_mem = '256MB'")
    try:
        yield
    finally:
        started = time.perf_counter()
        for _name, definition in kept:
            cursor.execute(definition)
        print(f"  {len(kept)} indexes of {table} rebuilt in {time.perf_counter() - started:.0f} s")


def seed(total: int, activities: int) -> None:
    spots = places()
    categories = list(DisputeCategory.objects.values_list("pk", flat=True))
    params = {
        "vill": [p[0] for p in spots],
        "town": [p[1] for p in spots],
        "county": [p[2] for p in spots],
        "org": [p[3] for p in spots],
        "n": len(spots),
        "cats": categories,
        "ncats": len(categories),
        "minutes": MONTHS * 30 * 24 * 60,
    }
    chunk = 200_000
    with connection.cursor() as cursor, indexes_dropped(cursor, "cases_case"):
        for start in range(1, total + 1, chunk):
            params |= {"start": start, "stop": min(total, start + chunk - 1)}
            cursor.execute(
                """
                INSERT INTO cases_case (number, organisation_id, numbered_by_id, number_year,
                    number_sequence, tracking_code, channel, category_id, village_id,
                    town_code, county_code, status, status_changed_at, description, request,
                    consent_to_mediation, needs_elderly, needs_dialect, needs_disability,
                    urgency, filed_at, updated_at, search_terms, next_due_at)
                SELECT 'STATS-' || g, (%(org)s::int[])[i], (%(org)s::int[])[i], 2026, g,
                    substr(md5(g::text), 1, 10),
                    (ARRAY['online','window','hotline','court_push','village_referral'])[1 + g %% 5],
                    (%(cats)s::int[])[1 + g %% %(ncats)s], (%(vill)s::text[])[i],
                    (%(town)s::text[])[i], (%(county)s::text[])[i],
                    CASE WHEN g %% 10 = 0 THEN 'in_mediation' ELSE 'closed' END, now(),
                    '统计基准案件', '', true, false, false, false, 'normal',
                    now() - ((g * 7919) %% %(minutes)s || ' minutes')::interval, now(), '',
                    CASE WHEN g %% 20 = 0 THEN now() - interval '1 day' END
                FROM generate_series(%(start)s::bigint, %(stop)s::bigint) AS g,
                    LATERAL (SELECT (1 + (g * 31) %% %(n)s)::int AS i) AS pick
                """,
                params,
            )
            print(f"  cases {params['stop']:>9,}", flush=True)
    with connection.cursor() as cursor, indexes_dropped(cursor, "mediation_mediationfile"):
        cursor.execute(
            """
            INSERT INTO mediation_mediationfile (case_id, organisation_id, status,
                routing_reason, escalations, outcome, outcome_at, performance, referral,
                created_at, updated_at)
            SELECT id, organisation_id, status, '', 0,
                CASE WHEN status = 'closed' THEN
                    (ARRAY['agreement_written','agreement_oral','failed','withdrawn'])[1 + id % 4]
                ELSE '' END,
                CASE WHEN status = 'closed' THEN filed_at + ((id % 40) || ' days')::interval END,
                '', '', now(), now()
            FROM cases_case WHERE number LIKE 'STATS-%'
            ON CONFLICT (case_id) DO NOTHING
            """
        )
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO stats_serviceactivity (organisation_id, kind, title, held_on, place,
                region_id, people_reached, is_public, created_at)
            SELECT (%(org)s::int[])[i],
                (ARRAY['legal_education','legal_advice','dispute_screening','home_visit',
                       'practical_service'])[1 + g %% 5],
                '基准活动', (now() - ((g * 13) %% 1080 || ' days')::interval)::date, '村委会',
                (%(vill)s::text[])[i], g %% 200, g %% 7 = 0, now()
            FROM generate_series(1, %(activities)s) AS g,
                LATERAL (SELECT (1 + (g * 17) %% %(n)s)::int AS i) AS pick
            """,
            params | {"activities": activities},
        )
        cursor.execute("VACUUM ANALYZE")


def time_page(client: Client, path: str, name: str, rounds: int, limit: float) -> None:
    """Wall time, and beside it (p50) the CPU time of this process and the time PostgreSQL
    took: on a loaded machine the wall time is mostly the wait for a core."""
    timings, queries, cpu, sql = [], [], [], []
    settings.DEBUG = True
    for _ in range(rounds):
        reset_queries()
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(path)
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        queries.append(len(connection.queries))
        sql.append(sum(float(q["time"]) for q in connection.queries))
        assert response.status_code == 200, (path, response.status_code)
    settings.DEBUG = False
    report(name, timings, queries, cpu, sql)
    if percentile(timings, 95) > limit:
        print(f"    over the target of {limit * 1000:.0f} ms", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--activities", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument(
        "--timings-only", action="store_true", help="keep the rollups there are: time requests"
    )
    args = parser.parse_args()
    if args.smoke:
        args.cases, args.activities, args.rounds = 3000, 300, 1
    if connection.vendor != "postgresql":
        sys.exit("Run against PostgreSQL: DATABASE_URL=postgres://.../zj_bench")
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    if not Case.objects.filter(number__startswith="STATS-").exists():
        started = time.perf_counter()
        seed(args.cases, args.activities)
        print(f"seeded in {time.perf_counter() - started:.0f} s", flush=True)
    print(f"cases ~{Case.objects.count():,}; load average {os.getloadavg()}", flush=True)
    this_month = Month.current()
    if not args.timings_only:
        started = time.perf_counter()
        rollups.rebuild(this_month.shift(-MONTHS))
        print(f"rollup rebuild, {MONTHS + 1} months and now: {time.perf_counter() - started:.1f} s")
        timings = []
        for _ in range(max(1, min(args.rounds, 5))):
            started = time.perf_counter()
            rollups.refresh(str(this_month))
            timings.append(time.perf_counter() - started)
        report("refresh of one month (all scopes)", timings, [0])
    leader, _ = get_user_model().objects.get_or_create(username="stats-bench-leader")
    Membership.objects.get_or_create(
        user=leader, organisation=Organisation.objects.get(code="plc-city"), role=Role.CITY_LEADER
    )
    client = Client()
    client.force_login(leader)
    period = str(this_month.shift(-1))
    # The first request of a process imports the URLconf and compiles the templates.
    started = time.perf_counter()
    client.get(f"/stats/?scope=440800&period={period}")
    print(
        f"first request of the process (imports, templates): {time.perf_counter() - started:.2f} s"
    )
    for path, name in [
        (f"/stats/?scope=440800&period={period}", "dashboard page, city (HTML)"),
        (f"/stats/?scope=440804&period={period}&compare=440882", "dashboard page, county+compare"),
        (f"/stats/?scope=440804104&period={period}", "dashboard page, town (HTML)"),
        (f"/stats/?scope=pmc-440804104&period={period}", "dashboard page, committee (HTML)"),
        ("/desk/", "leader's desk (HTML)"),
        (f"/stats/report/?scope=440800&period={period}", "report page, city (HTML)"),
        (f"/api/v1/stats/overview/?scope=440800&period={period}", "overview API, city"),
        (
            f"/api/v1/stats/overview/?scope=440882&period={period}&compare=440804",
            "overview API, county with comparison",
        ),
        (f"/api/v1/stats/overview/?scope=bureau-city&period={period}", "overview API, bureau"),
        (f"/api/v1/stats/report/?scope=440800&period={period}&format=json", "report JSON, city"),
        (f"/api/v1/stats/report/?scope=440800&period={period}&format=csv", "report CSV, city"),
    ]:
        time_page(client, path, name, args.rounds, 0.050)
    december = f"{this_month.year - 1}-12"
    time_page(
        client,
        f"/api/v1/stats/report/?scope=440800&period={december}&format=xlsx",
        "report xlsx, city, whole year",
        max(1, args.rounds // 10),
        2.0,
    )


if __name__ == "__main__":
    main()
