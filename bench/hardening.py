"""Cost of the hardening checks per request: each check timed in isolation (many runs, p50 and
p95 in microseconds), and the SQL queries a public page and a public filing make with them in
place (the throttling store is the cache: no query of its own).

    python bench/hardening.py            # full: 20,000 runs of each check
    python bench/hardening.py --smoke    # quick: 500 runs each

Runs on whatever DATABASE_URL and CACHE_URL name (the embedded default works); it writes
nothing but a handful of rate-limit counters in the cache.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhanjiang_portal.settings")
# Development secrets, as every bench script runs (the settings refuse to start without them).
os.environ.setdefault("DJANGO_DEBUG", "on")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.identifiers import clean_mobile, clean_resident_id  # noqa: E402
from cases import ratelimit  # noqa: E402
from zhanjiang_portal.log_masking import PersonalDataFilter  # noqa: E402
from zhanjiang_portal.params import KeysetCursorField  # noqa: E402
from zhanjiang_portal.parsers import load_bounded  # noqa: E402
from zhanjiang_portal.request_guards import RequestGuardMiddleware  # noqa: E402
from zhanjiang_portal.spreadsheets import safe_row  # noqa: E402

FILING = {
    "applicant": {"name": "陈某", "id_number": "440802199001011238", "phone": "13812345678"},
    "respondents": [{"name": f"林某{i}", "phone": "13987654321"} for i in range(20)],
    "category": "neighbourhood",
    "village": "440804104207",
    "description": "邻居砌墙占用通道，引发纠纷。" * 100,
    "consent": True,
}


def timed(runs: int, action) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1e6)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def checks() -> dict:
    factory = RequestFactory()
    body = json.dumps(FILING, ensure_ascii=False).encode()
    guard = RequestGuardMiddleware(lambda request: HttpResponse())
    cursor = KeysetCursorField(separator="_")
    masking = PersonalDataFilter()

    def guarded_filing():
        request = factory.post("/api/v1/public/disputes/", body, content_type="application/json")
        guard(request)

    def guarded_page():
        guard(factory.get("/cases/", {"q": "陈某", "filed_to": "2026-11-20"}))
        guard.process_view(factory.get("/cases/1/"), None, (), {"pk": 1})

    def log_record():
        record = logging.LogRecord("b", 20, "", 1, "sms to %s: %s", ("13812345678", "您好"), None)
        masking.filter(record)

    request = factory.post("/api/v1/public/disputes/")
    return {
        "request guard, a 9 KB JSON filing (size, depth, parse)": guarded_filing,
        "  of which: building the test request": lambda: factory.post(
            "/api/v1/public/disputes/", body, content_type="application/json"
        ),
        "request guard, a page GET and its path ids": guarded_page,
        "DRF parser on the same body (bounded)": lambda: load_bounded(body),
        "keyset cursor parsed through its form field": lambda: cursor.clean(
            "2026-11-20T09:00:00+08:00_123"
        ),
        "NFKC + checks of an ID and a mobile number": lambda: (
            clean_resident_id("４４０８０２１９９００１０１１２３８"),
            clean_mobile("１３８ １２３４ ５６７８"),
        ),
        "rate limits of a filing (cache: 2 reads, 1 pipelined count)": lambda: (
            ratelimit.filing_refused(request),
            ratelimit.applicant_refused(request, "13812345678"),
            ratelimit.count_filing(request, "13812345678"),
        ),
        "log record masked": log_record,
        "CSV row neutralised (10 cells)": lambda: safe_row(
            ["=1+2", "陈某", "-", 1] * 2 + ["@", ""]
        ),
    }


def queries() -> dict[str, int]:
    from django.test.utils import setup_test_environment

    setup_test_environment()  # lets the test client's host in
    client = Client()
    counts = {}
    for name, path in (("public home page", "/"), ("filing page", "/disputes/new/")):
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        counts[name] = len(captured)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="500 runs of each check")
    args = parser.parse_args()
    runs = 500 if args.smoke else 20_000
    print(f"{'check':58} {'p50 µs':>8} {'p95 µs':>8}  ({runs} runs each)")
    for name, action in checks().items():
        p50, p95 = timed(runs, action)
        print(f"{name:58} {p50:8.1f} {p95:8.1f}")
    for name, n in queries().items():
        print(f"SQL queries, {name}: {n}")


if __name__ == "__main__":
    main()
