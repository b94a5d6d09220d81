"""The other doors: a traffic-police referral push (answer time, and time until the case is
routed on the workroom's desk by a real worker) and the 12368 look-up over many cases.

    DATABASE_URL=... CELERY_BROKER_URL=redis://... CACHE_URL=redis://... \
        python bench/channels.py [--smoke] [--pushes 200] [--cases 200000] [--lookups 400]

Needs a migrated database (reference data). ``--smoke``: a few thousand rows, each
measurement a few times, quick. Report numbers are fresh each run, so it can run again.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import harness

ROOT = harness.ROOT
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

from accounts.models import Membership, Organisation, Role  # noqa: E402
from agencies.tokens import issue_token  # noqa: E402
from cases.models import Case  # noqa: E402

URL = "/api/v1/police/accident-referrals/"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def ms(values: list[float]) -> str:
    return (
        f"p50 {percentile(values, 50) * 1000:.1f} ms, p95 {percentile(values, 95) * 1000:.1f} ms,"
        f" max {max(values) * 1000:.1f} ms"
    )


def referral(number: str) -> dict:
    return {
        "agency_code": "police-440804",
        "report_number": number,
        "accident_at": "2026-11-20T08:30:00+08:00",
        "place": "坡头区官渡镇高岭村路口",
        "village_code": "440804104207",
        "vehicles": [{"plate_number": "粤G12345"}, {"plate_number": "粤G6789X"}],
        "responsibility": "甲负主要责任，乙负次要责任。",
        "injuries": "乙轻伤。",
        "losses": "医疗费、车辆维修费。",
        "loss_amount": "12000.00",
        "parties": [
            {"side": "applicant", "name": "乙某", "phone": "13987654321"},
            {"side": "respondent", "name": "甲某", "phone": "13812345678"},
        ],
        "parties_consent": True,
    }


def start_worker(log: Path) -> subprocess.Popen | None:
    if settings.CELERY_BROKER_IS_FILESYSTEM:
        print("desk: skipped (no Redis broker: set CELERY_BROKER_URL)")
        return None
    return harness.start_worker(log)


def bench_pushes(count: int, run: int, worker_log: Path | None) -> None:
    """Each push timed to its answer. First with no worker running (the web process's own
    answer time; the routing waits in the queue), then, with a real worker started, each push
    also timed until the case is routed (a mediator of the traffic workroom assigned: on the
    workroom's desk), the worker routing it on the same two cores while the next one comes."""
    if not count:
        return
    _token, key = issue_token(Organisation.objects.get(code="police-440804"), "bench")
    client = APIClient(SERVER_NAME="localhost")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    client.post(URL, referral(f"BENCH-{run}-warm"), format="json")

    def push(name: str) -> tuple[float, float, str]:
        started, cpu_started = time.monotonic(), time.process_time()
        response = client.post(URL, referral(name), format="json")
        answered = time.monotonic() - started
        assert response.status_code == 201, response.content
        return answered, time.process_time() - cpu_started, response.json()["case_number"]

    answers, cpu = [], []
    for i in range(count):
        answered, used, _number = push(f"BENCH-{run}-{i}")
        answers.append(answered)
        cpu.append(used)
    print(f"referral push, {count} one after another, no worker running: answer {ms(answers)}")
    print(f"  this process's CPU per push: {ms(cpu)}")
    with CaptureQueriesContext(connection) as queries:
        client.post(URL, referral(f"BENCH-{run}-q"), format="json")
    print(f"  SQL queries per push: {len(queries)}")
    with CaptureQueriesContext(connection) as queries:
        client.post(URL, referral(f"BENCH-{run}-q"), format="json")
    print(f"  a repeated push (200): {len(queries)} queries")
    worker = start_worker(worker_log) if worker_log is not None else None
    if worker is None:
        return
    try:
        waiting = Case.objects.filter(channel="police_referral", status="received")
        deadline = time.monotonic() + 120
        while waiting.exists() and time.monotonic() < deadline:  # the queued routing first
            time.sleep(0.1)
        answers, desks = [], []
        for i in range(count):
            started = time.monotonic()
            answered, _used, number = push(f"BENCH-{run}-w{i}")
            answers.append(answered)
            while not Case.objects.filter(number=number, status="routed").exists():
                time.sleep(0.005)
            desks.append(time.monotonic() - started)
        print(f"  with a worker routing each push beside it: answer {ms(answers)}")
        print(f"  push -> routed on the traffic workroom's desk (real worker): {ms(desks)}")
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def seed_passwords(target: int) -> list[tuple[str, str]]:
    """Cases with an enquiry password: bulk copies of one filed case, numbered apart."""
    from cases.models import CaseNumberCounter  # noqa: F401  (numbers are synthetic here)
    from courts.services import enquiry_hash
    from enquiries.models import EnquiryPassword

    have = Case.objects.filter(number__startswith="B12368调").count()
    template = Case.objects.filter(channel="police_referral").order_by("id").values().first()
    if template is None:
        raise SystemExit("push at least one referral first")
    template.pop("id")
    batch, started = 5000, time.monotonic()
    hashed = enquiry_hash("246810")
    for first in range(have, target, batch):
        size = min(batch, target - first)
        rows = []
        for i in range(first, first + size):
            copy = dict(template)
            copy.update(number=f"B12368调〔2026〕{i}号", number_sequence=20_000_000 + i,
                        idempotency_key=None, search_terms="")  # fmt: skip
            rows.append(Case(**copy))
        made = Case.objects.bulk_create(rows, batch_size=batch)
        EnquiryPassword.objects.bulk_create(
            [EnquiryPassword(case=c, password_hash=hashed) for c in made], batch_size=batch
        )
    if target > have:
        print(f"seeded {target - have} cases with a password in {time.monotonic() - started:.0f} s")
    return [(f"B12368调〔2026〕{i}号", "246810") for i in range(0, target, 97)]


def operator():
    user, created = get_user_model().objects.get_or_create(username="bench-12368")
    if created:
        user.set_password("bench-pass-1234")
        user.save()
        Membership.objects.create(
            user=user, organisation=Organisation.objects.get(code="court-0804"),
            role=Role.COURT_CLERK,
        )  # fmt: skip
    return user


def bench_lookups(count: int, targets: list[tuple[str, str]]) -> None:
    from enquiries import services

    user = operator()
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    service, page, cpu = [], [], []
    for i in range(count):
        number, password = targets[i % len(targets)]
        cache.clear()
        started, cpu_started = time.monotonic(), time.process_time()
        assert services.lookup(operator=user, number=number, password=password)
        service.append(time.monotonic() - started)
        cpu.append(time.process_time() - cpu_started)
        started = time.monotonic()
        response = client.post("/enquiries/12368/", {"number": number, "password": password})
        page.append(time.monotonic() - started)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        services.lookup(operator=user, number=targets[0][0], password=targets[0][1])
    print(f"12368 look-up over {Case.objects.count()} cases, {count} samples:")
    print(f"  service (find, check, log): {ms(service)}; {len(queries)} queries")
    print(f"  service, this process's CPU only: {ms(cpu)}")
    print(f"  the operator's page (whole request): {ms(page)}")
    cache.clear()


def main() -> None:
    parser = harness.parser(__doc__)
    parser.add_argument("--pushes", type=int, default=200)
    parser.add_argument("--cases", type=int, default=200000)
    parser.add_argument("--lookups", type=int, default=400)
    parser.add_argument("--no-worker", action="store_true")
    args = harness.parse(parser)
    if args.smoke:
        args.pushes, args.cases, args.lookups = 10, 3000, 20
    run = int(time.time()) % 1_000_000
    print(f"{timezone.now():%Y-%m-%d %H:%M} load average {os.getloadavg()[0]:.1f}")
    worker_log = None if args.no_worker else ROOT / "var" / "bench-channels-worker.log"
    bench_pushes(args.pushes, run, worker_log)
    bench_lookups(args.lookups, seed_passwords(args.cases))


if __name__ == "__main__":
    main()
