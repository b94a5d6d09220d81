"""What the benchmark scripts share: Django set up against the configured database, the
``--smoke`` flag, samples of one request (wall time, this process's CPU, SQL time, query
count) and their report.

Import it first, before anything from the project:

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench import harness
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhanjiang_portal.settings")
# Development secrets, as `dev.py run` has; the scripts measure with DEBUG turned off again.
os.environ.setdefault("DJANGO_DEBUG", "on")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

SMOKE_HELP = (
    "seed a few thousand rows and run every measurement once: proves the script still works "
    "(CI runs it); its timings are not figures to publish"
)


def parser(description: str | None) -> argparse.ArgumentParser:
    """An argument parser with the ``--smoke`` flag every script has."""
    result = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    result.add_argument("--smoke", action="store_true", help=SMOKE_HELP)
    return result


# Set by parse(): a smoke run judges no timing against its target.
SMOKE = False


def parse(parser: argparse.ArgumentParser) -> argparse.Namespace:
    """The arguments; and debug off, as in production (no query log kept in memory)."""
    global SMOKE
    args = parser.parse_args()
    SMOKE = args.smoke
    settings.DEBUG = False
    return args


def start_worker(log: Path, concurrency: int = 2, purge: bool = False) -> subprocess.Popen:
    """A real Celery worker on the configured broker (its queues emptied first with
    ``purge``), run as in production: debug off (no query log kept per task), with this
    process's secrets so that it reads the personal data this process writes. Returns once
    its pool is warm."""
    if purge:
        from zhanjiang_portal.celery import app

        with app.connection_for_write() as conn:
            app.control.purge(connection=conn)
    env = {
        **os.environ,
        "DJANGO_DEBUG": "off",
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        "PII_ENCRYPTION_KEY": settings.PII_ENCRYPTION_KEY,
        "PII_HASH_KEY": settings.PII_HASH_KEY,
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "zhanjiang_portal", "worker", "--loglevel",
         "WARNING", "--concurrency", str(concurrency), "--without-mingle", "--without-gossip"],
        cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    time.sleep(6)  # let the pool start: the first task measures a warm worker
    return proc


def require_postgres() -> None:
    if connection.vendor != "postgresql":
        sys.exit("Run against PostgreSQL: DATABASE_URL=postgres://... (a throwaway database).")


@dataclass
class Samples:
    wall: list[float] = field(default_factory=list)  # ms, including waits for a busy core
    cpu: list[float] = field(default_factory=list)  # ms of this process's CPU: our own cost
    sql: list[float] = field(default_factory=list)  # ms waiting on the database
    queries: int = 0  # the most SQL statements one sample ran

    @property
    def p50(self) -> float:
        return statistics.median(self.wall)

    @property
    def p95(self) -> float:
        return percentile(self.wall, 95)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def measure(samples: Samples, call: Callable[[], Any]) -> Any:
    """Run ``call`` once and add its wall time, CPU time, SQL time and query count."""
    with CaptureQueriesContext(connection) as ctx:
        wall, cpu = time.perf_counter(), time.process_time()
        result = call()
        samples.wall.append((time.perf_counter() - wall) * 1000)
        samples.cpu.append((time.process_time() - cpu) * 1000)
    samples.sql.append(sum(float(q["time"]) for q in ctx.captured_queries) * 1000)
    samples.queries = max(samples.queries, len(ctx.captured_queries))
    return result


def report(name: str, samples: Samples, target: float | None = None) -> None:
    """One line: p50/p95 wall, CPU and SQL p50, queries, and the verdict against a p95
    target in milliseconds when there is one."""
    verdict = ""
    if target is not None and not SMOKE:
        verdict = "  ok" if samples.p95 < target else f"  over {target:.0f}"
    log(
        f"{name:<46} p50 {samples.p50:6.1f}  p95 {samples.p95:6.1f}  "
        f"cpu p50 {statistics.median(samples.cpu):5.1f}  "
        f"sql p50 {statistics.median(samples.sql):5.1f}  q {samples.queries:>2}{verdict}"
    )


def load_average(when: str) -> None:
    """The machine is shared: say how busy it was, so the figures can be read in context."""
    log("load average {}: {:.1f} {:.1f} {:.1f}".format(when, *os.getloadavg()))


def log(*parts: object) -> None:
    print(*parts, flush=True)
