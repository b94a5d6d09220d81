"""Mediation benchmark: routing + assignment, the mediator's desk, the supervisor's board,
and the fairness of assignment.

    DATABASE_URL=postgres://.../zj_bench python bench/mediation.py \
        [--cases 1000000] [--rules 200] [--mediators 400] [--fair 10000] [--smoke]

Seeds into the given (PostgreSQL, throwaway) database with INSERT ... SELECT
generate_series, then times the real code paths and prints p50/p95 and SQL query counts.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import harness  # sets Django up: import it before the project

# isort: split
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import Membership, Organisation, Role
from cases.models import Case, DisputeCategory, PartySide
from cases.services import CaseInput, PartyInput, file_case
from mediation import loads, mirror, services
from mediation.models import MediatorProfile, RoutingRule, TargetKind

LEIZHOU_ROOM = "room-440882-family"
FAIR_ROOM = "bench-fair-room"
BENCH_PREFIX = "bench-"
VILLAGES = ["440882100200", "440882100201"]
FAIR_VILLAGE = "440883100001"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def report(name: str, timings: list[float], queries: list[int], cpu: list[float]) -> None:
    """Wall-clock p50/p95, and this process's own CPU time (p50), which says how much of
    the wall clock is ours rather than waiting on a busy machine or the database."""
    print(
        f"{name:<44} n={len(timings):>5}  p50={percentile(timings, 50):7.2f} ms  "
        f"p95={percentile(timings, 95):7.2f} ms  cpu p50={percentile(cpu, 50):6.2f} ms  "
        f"queries={max(queries)}"
    )


def seed_staff(mediators: int, others: int) -> tuple[list[int], list[int]]:
    User = get_user_model()
    rooms = list(
        Organisation.objects.filter(kind="workroom").exclude(code=LEIZHOU_ROOM).order_by("code")
    )
    target = Organisation.objects.get(code=LEIZHOU_ROOM)
    users = User.objects.bulk_create(
        [
            User(username=f"{BENCH_PREFIX}m{i:05d}", last_name="调")
            for i in range(mediators + others)
        ]
    )
    Membership.objects.bulk_create(
        [
            Membership(
                user=u,
                organisation=target if i < mediators else rooms[i % len(rooms)],
                role=Role.MEDIATOR,
            )
            for i, u in enumerate(users)
        ]
    )
    MediatorProfile.objects.bulk_create(
        [MediatorProfile(user=u, specialities=["marriage_family"]) for u in users]
    )
    supervisor = User.objects.create(username=f"{BENCH_PREFIX}supervisor", last_name="王")
    Membership.objects.create(
        user=supervisor,
        organisation=Organisation.objects.get(code="centre-440882"),
        role=Role.CENTRE_SUPERVISOR,
    )
    ids = [u.pk for u in users]
    return ids[:mediators], ids[mediators:]


def seed_cases(total: int, mediator_ids: list[int], other_ids: list[int]) -> None:
    """Cases spread over the city's mediators; most of them finished long ago."""
    all_ids = mediator_ids + other_ids
    org_of = dict(
        Membership.objects.filter(user_id__in=all_ids).values_list("user_id", "organisation_id")
    )
    window = Organisation.objects.get(code="window-440882").pk
    leizhou_rooms = list(
        Organisation.objects.filter(parent__code="centre-440882", kind="workroom").values_list(
            "pk", flat=True
        )
    )
    categories = list(DisputeCategory.objects.values_list("pk", flat=True))
    statuses = (
        ["closed"] * 80
        + ["withdrawn"] * 3
        + ["not_accepted"] * 2
        + ["terminated"] * 2
        + ["routed"] * 3
        + ["accepted"] * 3
        + ["in_mediation"] * 4
        + ["agreement"] * 2
        + ["failed"] * 1
    )
    sql = """
    INSERT INTO cases_case (number, organisation_id, numbered_by_id, number_year,
        number_sequence, tracking_code, channel, category_id, village_id, town_code,
        county_code, assignee_id, status, status_changed_at, claim_amount, description,
        request, consent_to_mediation, needs_elderly, needs_dialect, needs_disability,
        urgency, filed_at, filed_by_id, updated_at, search_terms)
    SELECT 'BENCH-' || g,
        CASE WHEN g %% 20 = 0 THEN (%(rooms)s::int[])[(1 + g %% %(nrooms)s)::int]
             ELSE (%(orgs)s::int[])[(1 + (g * 7919) %% %(nmed)s)::int] END,
        %(window)s, (2000 + g %% 26)::int, g, substr(md5(g::text), 1, 10), 'window',
        (%(cats)s::int[])[(1 + g %% %(ncats)s)::int], '440882100200', '440882100', '440882',
        CASE WHEN g %% 20 = 0 THEN NULL ELSE (%(meds)s::int[])[(1 + (g * 7919) %% %(nmed)s)::int] END,
        CASE WHEN g %% 20 = 0 THEN (CASE WHEN g %% 400 = 0 THEN 'routed' ELSE 'closed' END)
             ELSE (%(statuses)s::text[])[(1 + (g * 31) %% 100)::int] END,
        now() - ((g %% 900) || ' days')::interval, (g %% 100000)::numeric,
        '基准测试案件', '', true, false, false, false, 'normal',
        now() - ((g %% 900) || ' days')::interval, NULL, now(), 'BENCH-' || g
    FROM generate_series(%(start)s::bigint, %(stop)s::bigint) AS g
    """
    chunk = 200_000
    with connection.cursor() as cursor:
        for start in range(1, total + 1, chunk):
            cursor.execute(
                sql,
                {
                    "rooms": [*leizhou_rooms, window],
                    "nrooms": len(leizhou_rooms) + 1,
                    "orgs": [org_of[m] for m in all_ids],
                    "meds": all_ids,
                    "nmed": len(all_ids),
                    "window": window,
                    "cats": categories,
                    "ncats": len(categories),
                    "statuses": statuses,
                    "start": start,
                    "stop": min(total, start + chunk - 1),
                },
            )
            print(f"  cases {min(total, start + chunk - 1):>9,}", flush=True)
        cursor.execute(
            """
            INSERT INTO deadlines_deadline (case_id, kind, rule_id, starts_at, due_at, met_at,
                created_at, calendar_provisional, due_is_date)
            SELECT c.id, 'people_mediation', r.id, c.status_changed_at,
                c.status_changed_at + interval '1 month', NULL, now(), false, false
            FROM cases_case c, deadlines_deadlinerule r
            WHERE r.code = 'people_mediation' AND c.status IN ('accepted', 'in_mediation')
            """
        )
    loads.recount()
    mirror.backfill()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE mediation_mediationfile f SET mediation_due_at = d.due_at
            FROM deadlines_deadline d WHERE d.case_id = f.case_id AND d.met_at IS NULL
            """
        )
        cursor.execute("VACUUM ANALYZE")


def seed_rules(count: int) -> None:
    """``count`` rules, all tried for a Leizhou family case, the last of them matching."""
    family = DisputeCategory.objects.get(code="marriage_family")
    labour = DisputeCategory.objects.get(code="labour")
    target = Organisation.objects.get(code=LEIZHOU_ROOM)
    rules = RoutingRule.objects.bulk_create(
        [
            RoutingRule(
                position=0,
                name=f"{BENCH_PREFIX}{i}",
                region_code="440882" if i % 2 else "",
                channel="hotline" if i % 3 else "",
                min_amount=Decimal(10_000_000) if i % 3 == 0 else None,
                target_kind=TargetKind.TOWN_COMMITTEE,
            )
            for i in range(count - 1)
        ]
    )
    for rule in rules[::2]:
        rule.categories.set([labour])
    last = RoutingRule.objects.create(
        position=1,
        name=f"{BENCH_PREFIX}last",
        region_code="440882",
        target_kind=TargetKind.ORGANISATION,
        target=target,
    )
    last.categories.set([family])


def new_case(village: str = VILLAGES[0]) -> Case:
    return file_case(
        data=CaseInput(
            category=DisputeCategory.objects.get(code="marriage_family"),
            village_code=village,
            description="基准测试：分派",
            claim_amount=Decimal("80000"),
            parties=[
                PartyInput(side=PartySide.APPLICANT, name="甲", id_number="440882198512310042"),
                PartyInput(side=PartySide.RESPONDENT, name="乙"),
            ],
        ),
        channel="window",
    )


def time_routing(rounds: int) -> None:
    timings, queries, cpu = [], [], []
    for _ in range(rounds):
        case = new_case()
        with CaptureQueriesContext(connection) as ctx:
            started, cpu_started = time.perf_counter(), time.process_time()
            routed = services.route_case(case=case)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
        queries.append(len(ctx.captured_queries))
        assert routed.organisation.code == LEIZHOU_ROOM
        assert routed.assignee_id
    rules = RoutingRule.objects.active().count()
    roster = Membership.objects.filter(organisation__code=LEIZHOU_ROOM, role="mediator").count()
    report(f"route + assign ({rules} rules, {roster} mediators)", timings, queries, cpu)


def time_page(client: Client, path: str, name: str, rounds: int) -> None:
    client.get(path)  # warm
    timings, queries, cpu = [], [], []
    for _ in range(rounds):
        with CaptureQueriesContext(connection) as ctx:
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
        assert response.status_code == 200, response.status_code
        queries.append(len(ctx.captured_queries))
    report(name, timings, queries, cpu)


def fairness(assignments: int, mediators: int = 25) -> None:
    """``assignments`` real routings into one organisation; then every qualified mediator's
    open load against the mean."""
    User = get_user_model()
    run = int(time.time())
    RoutingRule.objects.filter(name=f"{BENCH_PREFIX}fair").delete()
    # A room of its own, so that only these mediators are qualified there.
    room, _created = Organisation.objects.get_or_create(
        code=FAIR_ROOM,
        defaults={
            "name": "基准测试公平性工作室",
            "kind": "workroom",
            "parent": Organisation.objects.get(code="centre-440883"),
            "region_id": "440883",
        },
    )
    users = User.objects.bulk_create(
        [User(username=f"{BENCH_PREFIX}fair{run}-{i:03d}") for i in range(mediators)]
    )
    Membership.objects.bulk_create(
        [Membership(user=u, organisation=room, role=Role.MEDIATOR) for u in users]
    )
    MediatorProfile.objects.bulk_create(
        [MediatorProfile(user=u, specialities=["marriage_family"]) for u in users]
    )
    rule = RoutingRule.objects.create(
        position=0,
        name=f"{BENCH_PREFIX}fair",
        region_code="440883",
        target_kind=TargetKind.ORGANISATION,
        target=room,
    )
    started = time.perf_counter()
    for _ in range(assignments):
        services.route_case(case=new_case(FAIR_VILLAGE))
    elapsed = time.perf_counter() - started
    roster = Membership.objects.filter(organisation=room, role=Role.MEDIATOR)
    loads = [Case.objects.open().filter(assignee_id=m.user_id).count() for m in roster]
    mean = statistics.mean(loads)
    worst = max(abs(load - mean) for load in loads)
    print(
        f"fairness: {assignments} assignments to {mediators} mediators in {elapsed:.1f} s; "
        f"loads {min(loads)}..{max(loads)}, mean {mean:.2f}, worst deviation {worst:.2f} "
        f"({'OK' if worst <= 1 else 'FAIL'})"
    )
    rule.delete()


def main() -> None:
    parser = harness.parser(__doc__)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--rules", type=int, default=200)
    parser.add_argument("--mediators", type=int, default=400)
    parser.add_argument("--others", type=int, default=1600, help="mediators elsewhere")
    parser.add_argument("--fair", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=200)
    args = harness.parse(parser)
    if args.smoke:
        args.cases, args.rules, args.mediators, args.others = 3000, 20, 20, 40
        args.fair, args.rounds = 50, 1
    harness.require_postgres()
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    if not get_user_model().objects.filter(username__startswith=f"{BENCH_PREFIX}m0").exists():
        started = time.perf_counter()
        mediator_ids, other_ids = seed_staff(args.mediators, args.others)
        seed_rules(args.rules)
        seed_cases(args.cases, mediator_ids, other_ids)
        print(f"seeded in {time.perf_counter() - started:.0f} s")
    print(f"cases in database: ~{Case.objects.count():,}; load average {os.getloadavg()}")
    time_routing(args.rounds)
    client = Client()
    mediator = get_user_model().objects.filter(username__startswith=f"{BENCH_PREFIX}m").first()
    client.force_login(mediator)
    time_page(client, "/mediation/desk/", "mediator desk page (HTML)", args.rounds)
    time_page(client, "/api/v1/mediation/desk/", "mediator desk (API)", args.rounds)
    client.force_login(get_user_model().objects.get(username=f"{BENCH_PREFIX}supervisor"))
    time_page(client, "/mediation/board/", "supervisor board page (HTML)", args.rounds)
    time_page(client, "/api/v1/mediation/board/", "supervisor board (API)", args.rounds)
    if args.fair:
        fairness(args.fair)


if __name__ == "__main__":
    main()
