"""Court pre-litigation and transfers: push-to-inbox latency, a burst of pushes, and the
clerk dashboard over a large court.

    DATABASE_URL=... CELERY_BROKER_URL=redis://... python bench/courts.py \
        [--latency 200] [--burst 10000] [--processes 8] [--dashboard 100000] [--worker-concurrency 4]
        [--smoke]

Needs a migrated database (reference data) and a Redis broker. Starts its own Celery worker
process. Pushes use fresh case numbers each run, so it can be run again on the same database.
"""

from __future__ import annotations

import sys
import time
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import harness  # sets Django up: import it before the project

# isort: split
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import Membership, Organisation, Role
from courts.authentication import issue_token
from transfers.models import Transfer

URL = "/api/v1/court/pre-litigation/"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def payload(number: str) -> dict:
    return {
        "court_case_number": number,
        "court_code": "粤0804",
        "cause_of_action": "民间借贷纠纷",
        "parties": [
            {"side": "applicant", "name": "陈某", "phone": "13812345678"},
            {"side": "respondent", "name": "林某"},
        ],
        "claim_amount": "30000.00",
        "description": "借款到期未还。",
    }


def api_client(key: str) -> APIClient:
    client = APIClient(SERVER_NAME="localhost")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def numbers(run: int, count: int, offset: int = 0) -> list[str]:
    return [f"（2025）粤0804民诉前调{run}{offset + i:06d}号" for i in range(count)]


def delivered_ids(ids: list[int]) -> int:
    return Transfer.objects.filter(pk__in=ids, status="delivered").count()


def bench_latency(key: str, run: int, count: int) -> None:
    """Court's POST -> the transfer delivered to the bureau's inbox by the worker."""
    client = api_client(key)
    latencies = []
    for number in numbers(run, count, offset=900000):
        started = timezone.now()
        response = client.post(URL, payload(number), format="json")
        assert response.status_code == 201, response.content
        case_id = response.json()["id"]
        transfer = Transfer.objects.filter(case__pre_litigation__id=case_id)
        while not transfer.filter(status="delivered").exists():
            time.sleep(0.005)
        latencies.append((transfer.get().delivered_at - started).total_seconds())
    print(
        f"push -> bureau inbox, {count} pushes one after another: "
        f"p50 {percentile(latencies, 50) * 1000:.0f} ms, "
        f"p95 {percentile(latencies, 95) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms"
    )


def _push_batch(key: str, batch: list[str]) -> tuple[dict[int, int], list[int]]:
    """One court connection pushing its share of the burst (runs in a child process)."""
    codes: dict[int, int] = {}
    ids: list[int] = []
    client = api_client(key)
    for number in batch:
        response = client.post(URL, payload(number), format="json")
        codes[response.status_code] = codes.get(response.status_code, 0) + 1
        if response.status_code == 201:
            ids.append(response.json()["id"])
    connections.close_all()
    return codes, ids


def bench_burst(key: str, run: int, count: int, processes: int) -> None:
    """``count`` distinct pushes from ``processes`` web processes at once, plus every tenth
    number pushed a second time; all delivered, none doubled."""
    todo = numbers(run, count)
    repeats = todo[::10]
    all_pushes = todo + repeats
    batches = [all_pushes[i::processes] for i in range(processes)]
    # Children get no open connection of ours: each opens its own, like a web worker.
    connections.close_all()
    started = time.monotonic()
    with ProcessPoolExecutor(max_workers=processes, mp_context=get_context("fork")) as pool:
        results = list(pool.map(_push_batch, [key] * processes, batches))
    pushed = time.monotonic() - started
    codes: dict[int, int] = {}
    ids: list[int] = []
    for batch_codes, batch_ids in results:
        ids += batch_ids
        for code, n in batch_codes.items():
            codes[code] = codes.get(code, 0) + n
    transfer_ids = list(
        Transfer.objects.filter(case__pre_litigation__id__in=ids).values_list("pk", flat=True)
    )
    while delivered_ids(transfer_ids) < len(transfer_ids):
        time.sleep(0.2)
    total = time.monotonic() - started
    doubled = Transfer.objects.filter(pk__in=transfer_ids).exclude(attempts=1).count()
    from cases.models import CaseEvent

    delivered_events = CaseEvent.objects.filter(
        kind="transfer_delivered", case__transfers__pk__in=transfer_ids
    ).count()
    print(
        f"burst: {len(all_pushes)} pushes ({count} distinct + {len(repeats)} repeated) "
        f"from {processes} processes; answers {dict(sorted(codes.items()))}"
    )
    print(
        f"  accepted in {pushed:.1f} s = {len(all_pushes) / pushed:.0f} pushes/s; "
        f"all {len(transfer_ids)} delivered after {total:.1f} s = "
        f"{len(transfer_ids) / total:.0f} deliveries/s end to end"
    )
    print(
        f"  cases created {len(ids)}, transfers {len(transfer_ids)}, "
        f"delivered events {delivered_events}, delivered more than once {doubled}"
    )


def seed_dashboard(court: Organisation, target: int) -> None:
    """Bulk-insert cases and their pre-litigation rows for one court, spread over two years."""
    import datetime as dt
    import random

    from cases.models import Case, DisputeCategory
    from courts.models import PreLitigationCase

    have = PreLitigationCase.objects.filter(court=court).count()
    if have >= target:
        print(f"dashboard: {have} cases already seeded for {court.court_code}")
        return
    bureau = Organisation.objects.get(code=f"bureau-{court.region_id}")
    committees = list(Organisation.objects.filter(kind="town_mediation_committee")[:20])
    category = DisputeCategory.objects.get(code="contract")
    causes = [
        "民间借贷纠纷",
        "买卖合同纠纷",
        "物业服务合同纠纷",
        "房屋租赁合同纠纷",
        "劳务合同纠纷",
    ]
    now = timezone.now()
    rng = random.Random(7)
    started = time.monotonic()
    batch = 5000
    for first in range(have, target, batch):
        size = min(batch, target - first)
        cases = []
        for i in range(first, first + size):
            filed = now - dt.timedelta(days=rng.uniform(0, 700))
            cases.append(
                Case(
                    number=f"bench-{court.court_code}-{i}",
                    organisation=bureau,
                    numbered_by=bureau,
                    number_year=1990,
                    number_sequence=10_000_000 + i,
                    tracking_code=f"B{i:09d}",
                    channel="court_push",
                    category=category,
                    village_id=court.region_id,
                    town_code=court.region_id,
                    county_code=court.region_id,
                    status="closed",
                    description="bench",
                    filed_at=filed,
                    status_changed_at=filed,
                )
            )
        Case.objects.bulk_create(cases, batch_size=batch)
        rows = []
        for i, case in enumerate(cases, start=first):
            registered = case.filed_at
            outcome = rng.random()
            status = "success" if outcome < 0.7 else "failed" if outcome < 0.95 else "dispatched"
            result_at = registered + dt.timedelta(days=rng.uniform(0.2, 30))
            if result_at > now:
                status = "dispatched"
            rows.append(
                PreLitigationCase(
                    case=case,
                    court=court,
                    court_case_number=f"（{timezone.localtime(registered).year}）"
                    f"{court.court_code}民诉前调{i + 1}号",
                    cause_of_action=rng.choice(causes),
                    claim_amount=Decimal(rng.randint(1000, 500000)),
                    status=status,
                    mediation_organisation=rng.choice(committees),
                    registered_at=registered,
                    due_at=registered + dt.timedelta(days=30),
                    dispatched_at=registered,
                    result_at=None if status == "dispatched" else result_at,
                    enquiry_password_hash="-",
                )
            )
        PreLitigationCase.objects.bulk_create(rows, batch_size=batch)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE courts_prelitigationcase")
    print(f"dashboard: seeded {target - have} cases in {time.monotonic() - started:.0f} s")


def bench_dashboard(target: int, runs: int = 40) -> None:
    from django.contrib.auth import get_user_model

    court = Organisation.objects.get(code="court-0881")
    seed_dashboard(court, target)
    user, _ = get_user_model().objects.get_or_create(username="bench_clerk_0881")
    Membership.objects.get_or_create(user=user, organisation=court, role=Role.COURT_CLERK)
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    from django.core.cache import cache

    for path in ["/courts/pre-litigation/", "/courts/pre-litigation/?cause=民间借贷纠纷"]:
        cache.clear()
        started = time.perf_counter()
        client.get(path)
        cold = time.perf_counter() - started
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            response = client.get(path)
            timings.append(time.perf_counter() - started)
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        print(
            f"dashboard {path} over {target} cases of one court: "
            f"p50 {percentile(timings, 50) * 1000:.1f} ms, "
            f"p95 {percentile(timings, 95) * 1000:.1f} ms, {len(queries)} SQL queries; "
            f"first request after the yearly figures' cache expired {cold * 1000:.0f} ms"
        )


def use_counter_numbering() -> None:
    """The numbering of before: the organisation's counter row, locked until commit."""
    from cases import case_numbers

    # Carry the counter rows on from the numbers the sequences issued, as a migration would.
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO cases_casenumbercounter (organisation_id, year, last)
               SELECT numbered_by_id, number_year, max(number_sequence) FROM cases_case
               GROUP BY numbered_by_id, number_year
               ON CONFLICT (organisation_id, year) DO UPDATE SET last = EXCLUDED.last"""
        )

    def from_counter(organisation_id: int, year: int) -> int:
        return case_numbers._next_from_counter(Organisation(pk=organisation_id), year)

    case_numbers._next_from_sequence = from_counter
    print("numbering: counter row held until commit (the old way)")


def main() -> None:
    parser = harness.parser(__doc__)
    parser.add_argument("--latency", type=int, default=200)
    parser.add_argument("--burst", type=int, default=10000)
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--dashboard", type=int, default=100000)
    parser.add_argument("--worker-concurrency", type=int, default=4)
    parser.add_argument(
        "--without-statistics-refresh",
        action="store_true",
        help="do not queue the statistics' rollup refresh each filing queues (to see its cost)",
    )
    parser.add_argument(
        "--counter-numbering",
        action="store_true",
        help="number cases from a counter row held until the filing commits, as before case "
        "numbers came from a sequence (to compare the burst on the same machine)",
    )
    args = harness.parse(parser)
    if args.smoke:
        args.latency, args.burst, args.processes, args.dashboard = 1, 40, 2, 2000
        args.worker_concurrency = 2

    if args.counter_numbering:
        use_counter_numbering()
    if args.without_statistics_refresh:
        from cases.signals import case_filed

        case_filed.disconnect(dispatch_uid="stats-filed")
        print("statistics: no rollup refresh queued by the pushes")
    run = int(time.time()) % 100000
    if args.latency or args.burst:
        key = issue_token(Organisation.objects.get(code="court-0804"), "bench")
        worker = harness.start_worker(
            harness.ROOT / "var" / "bench-worker.log", args.worker_concurrency, purge=True
        )
        try:
            if args.latency:
                bench_latency(key, run, args.latency)
            if args.burst:
                bench_burst(key, run, args.burst, args.processes)
        finally:
            worker.terminate()
            worker.wait(timeout=30)
    if args.dashboard:
        bench_dashboard(args.dashboard)


if __name__ == "__main__":
    main()
