"""Intake and case-list benchmark: seeds cases with INSERT ... SELECT generate_series, then
times the staff list (API and page, first and deep pages, filtered and sorted), search, the
case page, public filing and tracking, and concurrent filings. Prints p50/p95 and SQL
query counts, and the staff list API against a floor: a minimal hand-written keyset DRF view
over the same table (bench/floor.py), whose ratio should stay under 2.

    createdb -h 127.0.0.1 -U postgres zj_bench_intake
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zj_bench_intake \\
        python bench/intake.py --cases 1000000      # with the project's virtualenv

Seeding is skipped when the database already holds at least --cases bench cases (--reseed
forces it; --lists-only skips the public filings). PostgreSQL only: the seeding is SQL.
``--smoke``: 3,000 cases, every request once; the floor ratio is reported, never enforced.
"""

from __future__ import annotations

import base64
import json
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import harness  # sets Django up: import it before the project
from bench.harness import Samples, load_average, log, measure

# isort: split
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client

from cases.search import terms_of

SURNAMES = "陈林黄李张王吴刘蔡杨梁郑许谢邓冯莫庞符钟何周罗朱叶苏卢曾彭潘"
GIVEN = [
    "某",
    "某某",
    "小明",
    "海燕",
    "国强",
    "丽华",
    "志强",
    "秀英",
    "建华",
    "桂兰",
    "东海",
    "春梅",
    "文杰",
    "美玲",
    "伟",
    "芳",
    "敏",
    "静",
    "强",
    "军",
]
DESCRIPTIONS = [
    "邻居在宅基地边界砌墙，占用通道约半米，多次协商未果",
    "因赡养老人费用分担发生家庭纠纷",
    "在工地干活三个月，老板拖欠工资不付",
    "电动车与小货车在村道相撞，医疗费用赔偿有争议",
    "兄弟分家后对祖屋宅基地范围有争议",
    "借款到期未还，多次催讨无果",
    "承包的鱼塘边林地被他人种植桉树",
    "小区电梯长期故障，物业费收取有争议",
    "新买的空调安装后不制冷，商家拒绝退换",
    "邻居家的狗咬伤孩子，医药费赔偿协商不成",
    "对村集体土地租金分配方案有异议",
    "楼上漏水渗到楼下，维修费用分担有纠纷",
    "养殖场排放污水影响农田灌溉",
    "手术后出现并发症，对医院处理不满",
    "征地补偿款分配不均引发矛盾",
    "合伙经营的小店散伙后账目不清",
]
EXTRAS = ["", "，请求调解", "，双方情绪激动", "，要求赔偿损失", "，村委会调解未成", "，已报警处理"]
STATUSES = [
    "received",
    "routed",
    "accepted",
    "in_mediation",
    "agreement",
    "failed",
    "closed",
    "closed",
    "closed",
    "withdrawn",
]
CHANNELS = [
    "online",
    "window",
    "hotline",
    "court_push",
    "village_referral",
    "petition_transfer",
    "police_referral",
]
YEARS = list(range(2019, 2026))


def bench_case_count() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM cases_case WHERE number LIKE 'B%%'", ())
        return cursor.fetchone()[0]


def seed(n_cases: int) -> None:
    started = time.perf_counter()
    with connection.cursor() as c:
        c.execute("SET maintenance_work_mem = '512MB'")
        c.execute("SET synchronous_commit = off")
        _seed_lookup_tables(c)
        indexes = _drop_case_indexes(c)
        log(f"  inserting {n_cases:,} cases ...")
        c.execute(CASES_SQL, [n_cases])
        log(f"  cases done at {time.perf_counter() - started:.0f}s; parties ...")
        c.execute(PARTIES_SQL, ())
        log(f"  parties done at {time.perf_counter() - started:.0f}s; events, deadlines ...")
        c.execute(EVENTS_SQL, ())
        c.execute(DEADLINES_SQL, ())
        log(f"  rebuilding {len(indexes)} indexes at {time.perf_counter() - started:.0f}s ...")
        for sql in indexes:
            c.execute(sql)
        c.execute("ANALYZE")
    log(f"  seeded in {time.perf_counter() - started:.0f}s")


def _seed_lookup_tables(c) -> None:
    c.execute("DROP TABLE IF EXISTS bench_desc, bench_name, bench_village")
    c.execute("CREATE UNLOGGED TABLE bench_desc (k int PRIMARY KEY, text text, terms text)")
    rows = []
    for i, (d, e) in enumerate((d, e) for d in DESCRIPTIONS for e in EXTRAS):
        rows.append((i, d + e, " ".join(sorted(terms_of(d + e)))))
    c.executemany("INSERT INTO bench_desc VALUES (%s, %s, %s)", rows)
    c.execute("CREATE UNLOGGED TABLE bench_name (k int PRIMARY KEY, name text, terms text)")
    names = [s + g for g in GIVEN for s in SURNAMES]
    c.executemany(
        "INSERT INTO bench_name VALUES (%s, %s, %s)",
        [(i, n, " ".join(sorted(terms_of(n)))) for i, n in enumerate(names)],
    )
    c.execute(
        """CREATE UNLOGGED TABLE bench_village AS
           SELECT row_number() OVER (ORDER BY r.code) - 1 AS k, r.code, o.id AS org_id,
                  o.file_prefix AS prefix
           FROM villages_region r
           JOIN accounts_organisation o ON o.code = 'centre-' || left(r.code, 6)
           WHERE r.level = 'village'"""
    )
    c.execute("ALTER TABLE bench_village ADD PRIMARY KEY (k)")


def _drop_case_indexes(c) -> list[str]:
    """Secondary indexes of the big tables, dropped for the load and rebuilt after it."""
    c.execute(
        """SELECT indexname, indexdef FROM pg_indexes
           WHERE tablename IN ('cases_case', 'cases_party', 'cases_caseevent')
             AND indexname NOT LIKE '%%_pkey' AND indexdef NOT LIKE '%%UNIQUE%%'"""
    )
    found = c.fetchall()
    for name, _sql in found:
        c.execute(f'DROP INDEX "{name}"')
    return [sql for _name, sql in found]


CASES_SQL = """
WITH counts AS (
    SELECT (SELECT count(*) FROM bench_desc) AS nd, (SELECT count(*) FROM bench_name) AS nn,
           (SELECT count(*) FROM bench_village) AS nv,
           (SELECT min(id) FROM cases_disputecategory) AS cat0,
           (SELECT count(*) FROM cases_disputecategory) AS ncat
), src AS (
    SELECT i, v.code AS village, v.org_id, v.prefix, d.text AS description, d.terms AS dterms,
           a.terms AS aterms, r.terms AS rterms,
           (2019 + i %% 7) AS year, counts.cat0 + (i %% counts.ncat) AS category_id,
           now() - (i * interval '3 minutes') AS at
    FROM generate_series(1::bigint, %s::bigint) AS i, counts
    JOIN LATERAL (SELECT * FROM bench_village WHERE k = (i * 7919) %% counts.nv) v ON true
    JOIN LATERAL (SELECT * FROM bench_desc WHERE k = (i * 31) %% counts.nd) d ON true
    JOIN LATERAL (SELECT * FROM bench_name WHERE k = (i * 13) %% counts.nn) a ON true
    JOIN LATERAL (SELECT * FROM bench_name WHERE k = (i * 17 + 5) %% counts.nn) r ON true
)
INSERT INTO cases_case (number, organisation_id, numbered_by_id, number_year, number_sequence,
    tracking_code, channel, category_id, village_id, town_code, county_code, status,
    status_changed_at, claim_amount, description, request, consent_to_mediation,
    needs_elderly, needs_dialect, needs_disability, urgency, filed_at, updated_at,
    search_terms)
SELECT 'B' || prefix || '〔' || year || '〕' || i || '号', org_id, org_id, year, i,
    upper(substr(md5(i::text || 'track'), 1, 10)),
    (ARRAY['online','window','hotline','court_push','village_referral','petition_transfer',
           'police_referral'])[1 + i %% 7],
    category_id, village, left(village, 9), left(village, 6),
    (ARRAY['received','routed','accepted','in_mediation','agreement','failed','closed',
           'closed','closed','withdrawn'])[1 + i %% 10],
    at, CASE WHEN i %% 3 = 0 THEN (i %% 50000)::numeric ELSE NULL END,
    description, '', true, i %% 5 = 0, i %% 11 = 0, i %% 23 = 0,
    CASE WHEN i %% 17 = 0 THEN 'urgent' ELSE 'normal' END, at, at,
    ' ' || array_to_string(ARRAY(SELECT DISTINCT t FROM unnest(string_to_array(
        dterms || ' ' || aterms || ' ' || rterms || ' b' || i || ' ' || year || ' 号 '
        || left(prefix, 2) || ' ' || substr(prefix, 2, 2), ' ')) t WHERE t <> '' ORDER BY t), ' ')
        || ' '
FROM src
"""

PARTIES_SQL = """
INSERT INTO cases_party (case_id, side, kind, name, id_number_encrypted, id_number_hash,
    id_number_masked, phone, credit_code, credit_code_warning, address, created_at,
    sex, ethnicity, occupation, legal_representative)
SELECT c.id, p.side, 'person', n.name, '', '', '',
       '13' || lpad(((c.number_sequence * 2 + p.o) %% 1000000000)::text, 9, '0'),
       '', false, '', c.filed_at, '', '', '', ''
FROM cases_case c
CROSS JOIN (VALUES ('applicant', 0, 13, 0), ('respondent', 1, 17, 5), ('respondent', 2, 19, 3))
    AS p(side, o, mul, plus)
JOIN bench_name n ON n.k = (c.number_sequence * p.mul + p.plus) %% (SELECT count(*) FROM bench_name)
WHERE c.number LIKE 'B%%' AND (p.o < 2 OR c.number_sequence %% 2 = 0)
"""

EVENTS_SQL = """
INSERT INTO cases_caseevent (case_id, at, kind, from_status, to_status, text, is_public, payload)
SELECT id, filed_at, 'filed', '', 'received', '已登记，编号 ' || number || '。', true, '{}'::jsonb
FROM cases_case WHERE number LIKE 'B%%'
UNION ALL
SELECT id, filed_at + interval '1 hour', 'note', '', '', '调解员电话联系了申请人。', false, '{}'::jsonb
FROM cases_case WHERE number LIKE 'B%%' AND number_sequence %% 2 = 0
"""

DEADLINES_SQL = """
INSERT INTO deadlines_deadline (case_id, kind, rule_id, starts_at, due_at, original_due_at,
    due_is_date, calendar_provisional, met_at, created_at)
SELECT id, 'bench', (SELECT min(id) FROM deadlines_deadlinerule), filed_at,
       filed_at + interval '30 days', filed_at + interval '30 days', false, false, NULL, filed_at
FROM cases_case WHERE number LIKE 'B%%' AND number_sequence %% 20 = 0;
UPDATE cases_case c SET next_due_at = d.due_at
FROM deadlines_deadline d WHERE d.case_id = c.id AND d.kind = 'bench' AND d.met_at IS NULL
"""


def timed(client: Client, method: str, url: str, n: int) -> Samples:
    samples = Samples()
    for _ in range(n):
        response = measure(samples, lambda: getattr(client, method)(url))
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        if response.status_code not in (200, 201):
            raise SystemExit(f"{url} answered {response.status_code}: {response.content[:300]!r}")
    return samples


def report(name: str, samples: Samples, target: float | None) -> None:
    harness.report(name, samples, target)


def drf_cursor(position: str) -> str:
    return base64.b64encode(urlencode({"p": position}).encode()).decode()


def deep_positions(depth: int, region: str | None = None) -> tuple[str, str]:
    """The (filed_at, id) of the row ``depth`` deep in the newest-first list (found once,
    outside the timings, the way a user would have paged there)."""
    where = f"WHERE county_code = '{region}'" if region else ""
    with connection.cursor() as c:
        c.execute(
            f"SELECT filed_at, id FROM cases_case {where} ORDER BY filed_at DESC, id DESC "
            "OFFSET %s LIMIT 1",
            [depth],
        )
        at, pk = c.fetchone()
    from cases.listing import encode_cursor

    return drf_cursor(at.isoformat()), encode_cursor(at, pk)


def floor_cursor(drf: str) -> str:
    """The floor view's cursor for the row a DRF cursor points at."""
    from urllib.parse import parse_qs

    position = parse_qs(base64.b64decode(drf).decode())["p"][0]
    with connection.cursor() as c:
        c.execute(
            "SELECT filed_at, id FROM cases_case WHERE filed_at <= %s "
            "ORDER BY filed_at DESC, id DESC LIMIT 1",
            [position],
        )
        at, pk = c.fetchone()
    return base64.urlsafe_b64encode(json.dumps([at.isoformat(), pk]).encode()).decode()


def against_the_floor(client: Client, n: int, drf_deep: str, smoke: bool) -> bool:
    """The staff list API and the floor view (bench/floor.py) serving the same page, sampled
    alternately so that a change in the machine's load falls on both alike. Returns whether
    the API stayed within twice the floor (p50 of the first page)."""
    settings.ROOT_URLCONF = "bench.floor"
    pages = [
        ("first page", "/api/v1/cases/", "/bench/floor/cases/"),
        (
            "page 90 % deep",
            f"/api/v1/cases/?cursor={drf_deep}",
            f"/bench/floor/cases/?cursor={floor_cursor(drf_deep)}",
        ),
    ]
    within = True
    for label, api_url, floor_url in pages:
        api, floor = Samples(), Samples()
        for _ in range(max(n, 1)):
            for samples, url in ((api, api_url), (floor, floor_url)):
                response = measure(samples, lambda url=url: client.get(url))
                assert response.status_code == 200, (url, response.status_code)
        report(f"staff list API, {label}", api, None)
        report(f"floor: hand-written keyset view, {label}", floor, None)
        ratio = api.p50 / floor.p50
        verdict = "within 2x" if ratio <= 2 else "OVER 2x"
        note = " (smoke run: reported, not enforced)" if smoke else ""
        log(f"  staff list API / floor, {label}: {ratio:.2f}x p50 — {verdict}{note}")
        if label == "first page":
            within = ratio <= 2
    return within


def run(args) -> bool:
    from django.contrib.auth import get_user_model

    from accounts.models import Membership, Organisation, Role

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]
    from cases.ratelimit import DEFAULT_LIMITS

    # Every bucket lifted: the benchmark files from one address far faster than people do.
    settings.CASES_RATE_LIMITS = dict.fromkeys(DEFAULT_LIMITS, (10**9, 60))
    User = get_user_model()
    User.objects.get_or_create(username="bench-admin", defaults={"is_superuser": True})
    leader, _ = User.objects.get_or_create(username="bench-leader")
    Membership.objects.get_or_create(
        user=leader, organisation=Organisation.objects.get(code="plc-city"), role=Role.CITY_LEADER
    )
    sup, _ = User.objects.get_or_create(username="bench-supervisor")
    Membership.objects.get_or_create(
        user=sup,
        organisation=Organisation.objects.get(code="centre-440804"),
        role=Role.CENTRE_SUPERVISOR,
    )
    n = args.samples
    city, county = Client(), Client()
    city.force_login(leader)
    county.force_login(sup)
    total = bench_case_count()
    depth = min(900_000, int(total * 0.9))
    drf_deep, page_deep = deep_positions(depth)
    for url in ("/api/v1/cases/", "/cases/"):  # the first request loads code and templates
        city.get(url)
    log(f"\n{total:,} bench cases; deep pages are {depth:,} rows down. {n} samples each.")
    log("Milliseconds. p50/p95: wall time per request through Django's test client; cpu: this")
    log("process's CPU time (the app's own cost, not waiting for a core); sql: time in PostgreSQL.")
    # The machine is shared: say how busy it was, so the figures can be read in context.
    load_average("at start")
    log("")

    for label, client, region in [
        ("city leader (whole city)", city, "440882"),
        ("county supervisor (坡头区)", county, "440804104"),
    ]:
        log(f"-- staff list as {label}")
        report("API list, first page", timed(client, "get", "/api/v1/cases/", n), 15)
        report(
            "API list, status+category filter, oldest first",
            timed(
                client, "get", "/api/v1/cases/?status=closed&category=labour&ordering=filed_at", n
            ),
            15,
        )
        report(
            f"API list, region filter ({region})",
            timed(client, "get", f"/api/v1/cases/?region={region}", n),
            15,
        )
        report(
            "API list, overdue filter",
            timed(client, "get", "/api/v1/cases/?overdue=true", n),
            15,
        )
        report("HTML list, first page", timed(client, "get", "/cases/", n), 40)
    log("-- deep pages (city leader)")
    report(
        f"API list, page {depth:,} rows deep",
        timed(city, "get", f"/api/v1/cases/?cursor={drf_deep}", n),
        15,
    )
    report(
        f"HTML list, page {depth:,} rows deep",
        timed(city, "get", f"/cases/?after={page_deep}", n),
        40,
    )

    log("-- the staff list against its floor (city leader)")
    within = against_the_floor(city, n, drf_deep, args.smoke)

    log("-- search (city leader, API list ?q=)")
    sample = json.loads(city.get("/api/v1/cases/").content)["results"][5]
    for label, q in [
        ("case number", sample["number"]),
        ("two-character name 陈某", "陈某"),
        ("three-character name 黄海燕", "黄海燕"),
        ("two-character word 纠纷", "纠纷"),
        ("words 拖欠工资", "拖欠工资"),
        ("rare combination 鱼塘 桉树 庞某", "鱼塘 桉树 庞某"),
    ]:
        report(
            f"search: {label}", timed(city, "get", "/api/v1/cases/?" + urlencode({"q": q}), n), 30
        )
    report(
        "HTML list search 纠纷 + status",
        timed(city, "get", "/cases/?" + urlencode({"q": "纠纷", "status": "received"}), n),
        40,
    )

    log("-- case page")
    report("case page (HTML) with timeline", timed(city, "get", f"/cases/{sample['id']}/", n), 30)
    report("case detail (API)", timed(city, "get", f"/api/v1/cases/{sample['id']}/", n), 30)

    if args.lists_only:
        load_average("at end")
        return within

    log("-- public")
    public = Client()

    def payload(i):
        body = {
            "applicant": {
                "name": "陈某",
                "id_number": "440802199001011238",
                "phone": f"137{i:08d}",
                "address": "高岭村",
            },
            "respondents": [{"name": "林某", "phone": f"136{i:08d}"}],
            "category": "neighbourhood",
            "village": "440804104207",
            "description": "邻居砌墙占用通道，引发纠纷。",
            "consent": True,
        }
        return {"data": json.dumps(body), "content_type": "application/json"}

    report("public filing (API POST)", _filing(public, n, payload), 40)
    tracked = json.loads(public.post("/api/v1/public/disputes/", **payload(10**6)).content)
    url = f"/api/v1/public/disputes/{tracked['number']}/?code={tracked['tracking_code']}"
    report("tracking lookup (API)", timed(public, "get", url, n), 15)
    report(
        "tracking page (HTML)",
        timed(
            public,
            "get",
            "/disputes/track/?"
            + urlencode({"number": tracked["number"], "code": tracked["tracking_code"]}),
            n,
        ),
        15,
    )

    load_average("at end")
    log(f"-- {args.concurrent} concurrent filings to one organisation")
    concurrent_filings(args.concurrent)
    return within


def _filing(client: Client, n: int, payload) -> Samples:
    samples = Samples()
    for i in range(n):
        post = lambda i=i: client.post("/api/v1/public/disputes/", **payload(i))  # noqa: E731
        response = measure(samples, post)
        assert response.status_code == 201, response.content
    return samples


def concurrent_filings(count: int) -> None:
    from cases.models import DisputeCategory
    from cases.services import CaseInput, PartyInput, file_case

    category = DisputeCategory.objects.get(code="labour")
    numbers, errors = [], []
    barrier = threading.Barrier(count)

    def one(i: int) -> None:
        try:
            barrier.wait()
            case = file_case(
                data=CaseInput(
                    category=category,
                    village_code="440804104207",
                    description="欠薪",
                    parties=[
                        PartyInput(side="applicant", name="工人", phone=f"135{i:08d}"),
                        PartyInput(side="respondent", name="老板"),
                    ],
                )
            )
            numbers.append(case.number)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = (time.perf_counter() - started) * 1000
    log(
        f"{count} concurrent filings: {len(set(numbers))} distinct numbers, {len(errors)} errors, "
        f"{elapsed:.0f} ms in all"
    )


def main() -> None:
    parser = harness.parser(__doc__)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=40)
    parser.add_argument("--concurrent", type=int, default=50)
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument(
        "--lists-only",
        action="store_true",
        help="time the staff lists, search and the case page only (no filings: the database "
        "is left as it was)",
    )
    args = harness.parse(parser)
    if args.smoke:
        args.cases, args.samples, args.concurrent = 3000, 1, 10
    harness.require_postgres()
    call_command("migrate", verbosity=0)
    have = bench_case_count()
    if args.reseed or have < args.cases:
        if have:
            raise SystemExit(
                "The database holds fewer bench cases than asked: drop and recreate it."
            )
        log(f"Seeding {args.cases:,} cases and about {int(args.cases * 2.5):,} parties ...")
        seed(args.cases)
    with connection.cursor() as c:
        c.execute("SELECT (SELECT count(*) FROM cases_case), (SELECT count(*) FROM cases_party)")
        cases, parties = c.fetchone()
    log(f"Database: {cases:,} cases, {parties:,} parties.")
    within = run(args)
    if not (within or args.smoke):
        sys.exit("The staff list API is more than twice as slow as its floor.")


if __name__ == "__main__":
    main()
