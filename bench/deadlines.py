"""Benchmark: the reminder sweep over many open deadlines, and the "my deadlines" page.

    DATABASE_URL=postgres://... python bench/deadlines.py \
        [--deadlines 1000000] [--due 50000] [--cases 100000] [--staff 2000] [--requests 200]
        [--smoke]

Seeds (COPY on PostgreSQL) bench cases and deadlines into the given database (migrating it
first), runs the sweep in this process as one worker would, and times "my deadlines" through
Django's test client. Bench rows are removed at the start of the next run (or with --clean).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import harness  # sets Django up: import it before the project

# isort: split
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Membership, Organisation, Role
from cases.models import Case, DisputeCategory
from deadlines.models import Deadline, DeadlineRule, Reminder
from deadlines.reminders import sweep
from notifications.models import Notification

PREFIX = "BENCH-"
VILLAGE = "440804104207"


def main() -> None:
    args = parse()
    harness.require_postgres()
    call_command("migrate", verbosity=0)
    staff = reuse(args.due) if args.reuse else seed(args)
    if args.clean:
        return
    ensure_supervisors()
    bench_sweep(args)
    bench_my_deadlines(staff, args.requests)


def ensure_supervisors() -> None:
    """A supervisor over every bench room (its centre), so escalations have someone to go to."""
    User = get_user_model()
    centres = Organisation.objects.filter(children__kind="workroom").distinct()
    for centre in centres:
        user, _ = User.objects.get_or_create(username=f"bench-sup-{centre.pk}")
        Membership.objects.get_or_create(
            user=user, organisation=centre, role=Role.CENTRE_SUPERVISOR
        )


def seed(args) -> list[int]:
    clean()
    if args.clean:
        return []
    print(f"seeding {args.deadlines:,} open deadlines ({args.due:,} due now) ...", flush=True)
    started = time.perf_counter()
    staff = seed_staff(args.staff)
    case_ids = seed_cases(args.cases, staff)
    seed_deadlines(args.deadlines, args.due, case_ids)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE deadlines_deadline; ANALYZE cases_case;")
    print(f"  seeded in {time.perf_counter() - started:.1f} s")
    return staff


def reuse(due: int) -> list[int]:
    """Measure again on the rows of the last run: its first ``due`` deadlines fall due again."""
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM notifications_notification WHERE dedupe_key LIKE 'reminder:%%' "
            "OR dedupe_key LIKE 'digest:%%'"
        )
        cursor.execute("DELETE FROM deadlines_reminder")
        cursor.execute(
            "UPDATE deadlines_deadline SET next_reminder_at = now() - interval '1 hour', "
            "reminded_through = now() - interval '1 day', missed_at = NULL WHERE id IN "
            "(SELECT d.id FROM deadlines_deadline d JOIN cases_case c ON c.id = d.case_id "
            "WHERE c.number LIKE %s ORDER BY d.id LIMIT %s)",
            [PREFIX + "%", due],
        )
        cursor.execute("VACUUM ANALYZE deadlines_deadline")
    staff = get_user_model().objects.filter(username__startswith="bench").order_by("id")
    print(f"reusing the last run's rows: {Deadline.objects.count():,} deadlines", flush=True)
    return list(staff.values_list("pk", flat=True))


def parse() -> argparse.Namespace:
    parser = harness.parser(__doc__)
    parser.add_argument("--deadlines", type=int, default=1_000_000)
    parser.add_argument("--due", type=int, default=50_000)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--staff", type=int, default=2_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--clean", action="store_true", help="only remove bench rows")
    parser.add_argument("--reuse", action="store_true", help="measure again without seeding")
    args = harness.parse(parser)
    if args.smoke:
        args.deadlines, args.due, args.cases, args.staff, args.requests = 3000, 300, 1000, 50, 1
    return args


def clean() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            DELETE FROM notifications_notification WHERE (dedupe_key LIKE 'reminder:%%'
              OR dedupe_key LIKE 'digest:%%') AND recipient_id IN (SELECT id FROM auth_user WHERE username LIKE %s);
            DELETE FROM deadlines_reminder WHERE deadline_id IN (
              SELECT d.id FROM deadlines_deadline d JOIN cases_case c ON c.id = d.case_id
              WHERE c.number LIKE %s);
            DELETE FROM deadlines_deadline WHERE case_id IN (
              SELECT id FROM cases_case WHERE number LIKE %s);
            DELETE FROM cases_case WHERE number LIKE %s;
            DELETE FROM accounts_membership WHERE user_id IN (
              SELECT id FROM auth_user WHERE username LIKE %s);
            DELETE FROM auth_user WHERE username LIKE %s;
            """,
            ["bench%", PREFIX + "%", PREFIX + "%", PREFIX + "%", "bench%", "bench%"],
        )


def seed_staff(count: int) -> list[int]:
    rooms = list(Organisation.objects.filter(kind="workroom").values_list("id", flat=True))
    User = get_user_model()
    User.objects.bulk_create(
        [User(username=f"bench{i:05d}", password="!") for i in range(count)], batch_size=2000
    )
    users = list(User.objects.filter(username__startswith="bench").order_by("id"))
    Membership.objects.bulk_create(
        [
            Membership(user=u, organisation_id=rooms[i % len(rooms)], role=Role.MEDIATOR)
            for i, u in enumerate(users)
        ],
        batch_size=2000,
    )
    return [u.pk for u in users]


def seed_cases(count: int, staff: list[int]) -> list[int]:
    """Every case of a mediator's room; 1 in 100 unassigned (its room's staff answer)."""
    memberships = dict(
        Membership.objects.filter(user_id__in=staff).values_list("user_id", "organisation_id")
    )
    category = DisputeCategory.objects.get(code="neighbourhood")
    centre = Organisation.objects.get(code="centre-440804")
    now = timezone.now()
    rows = []
    for i in range(count):
        user = staff[i % len(staff)]
        rows.append(
            Case(
                number=f"{PREFIX}{i}",
                organisation_id=memberships[user],
                numbered_by=centre,
                number_year=1900,
                number_sequence=i + 1,
                tracking_code=f"B{i:09d}",
                channel="online",
                category=category,
                village_id=VILLAGE,
                town_code=VILLAGE[:9],
                county_code=VILLAGE[:6],
                assignee_id=None if i % 100 == 99 else user,
                status="in_mediation",
                description="bench",
                filed_at=now,
                status_changed_at=now,
            )
        )
    Case.objects.bulk_create(rows, batch_size=5000)
    return list(
        Case.objects.filter(number__startswith=PREFIX).order_by("id").values_list("id", flat=True)
    )


def seed_deadlines(total: int, due: int, case_ids: list[int]) -> None:
    rules = list(DeadlineRule.objects.values_list("id", "code"))
    now = timezone.now()
    buffer = io.StringIO()
    rng = random.Random(6)
    for i in range(total):
        rule_id, code = rules[i % len(rules)]
        if i < due:  # due now: between today and a week overdue
            due_at = now - dt.timedelta(days=rng.randint(0, 7), minutes=rng.randint(1, 600))
            next_at = now - dt.timedelta(minutes=rng.randint(1, 600))
        else:
            due_at = now + dt.timedelta(days=rng.randint(5, 60))
            next_at = due_at - dt.timedelta(days=3)
        starts = due_at - dt.timedelta(days=30)
        buffer.write(
            f"{case_ids[i % len(case_ids)]}\t{code}\t{rule_id}\t{starts.isoformat()}\t"
            f"{due_at.isoformat()}\tt\t{due_at.isoformat()}\tf\t{next_at.isoformat()}\t"
            f"{(next_at - dt.timedelta(days=1)).isoformat()}\t{now.isoformat()}\n"
        )
    buffer.seek(0)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            "COPY deadlines_deadline (case_id, kind, rule_id, starts_at, due_at, due_is_date, "
            "original_due_at, calendar_provisional, next_reminder_at, reminded_through, "
            "created_at) FROM STDIN",
            buffer,
        )


def bench_sweep(args) -> None:
    before = Notification.objects.count()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = sweep(budget_seconds=3600)
        elapsed = time.perf_counter() - started
    sent = Notification.objects.count() - before
    print(
        f"sweep: {result.deadlines:,} deadlines due of {args.deadlines:,} open, "
        f"batch {settings.DEADLINES_SWEEP_BATCH}: {elapsed:.1f} s, {result.batches} batches, "
        f"{len(queries)} SQL queries, {sent:,} inbox entries, "
        f"{Reminder.objects.count():,} reminder rows"
    )
    started = time.perf_counter()
    again = sweep()
    print(
        f"sweep again at once: {again.deadlines} deadlines, {again.batches} batch, "
        f"{time.perf_counter() - started:.3f} s"
    )


def bench_my_deadlines(staff: list[int], requests: int) -> None:
    user = get_user_model().objects.get(pk=staff[len(staff) // 2])
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    open_count = Deadline.objects.open().filter(case__assignee=user).count()
    timings = []
    for _ in range(requests):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get("/deadlines/")
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"my deadlines ({open_count} open for the user): p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
        f"{len(queries)} SQL queries per request"
    )


if __name__ == "__main__":
    main()
