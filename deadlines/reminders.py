"""The reminder sweep: claims due deadlines in batches and sends each stage exactly once.

Each batch is one transaction: ``SELECT ... FOR UPDATE SKIP LOCKED`` claims up to
DEADLINES_SWEEP_BATCH deadlines whose next reminder is due (on PostgreSQL two overlapping
sweeps take disjoint rows; on SQLite the IMMEDIATE transaction serialises them), the inbox
entries and their Reminder rows are inserted, and each deadline's bookmark moves on. A
worker killed mid-batch rolls the whole batch back, so the next sweep sends it; the unique
(deadline, stage, recipient) row and the inbox's dedupe key drop anything sent already. The
number of queries grows with the number of batches, never with the number of deadlines.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.formats import date_format

from notifications.messages import render
from notifications.recipients import Directory
from notifications.services import InboxItem, notify_once

from .models import Deadline, Reminder
from .responsibility import responsible_ids
from .schedule import Stage, stages_between

log = logging.getLogger(__name__)


@dataclass
class SweepResult:
    batches: int = 0
    deadlines: int = 0
    reminders: int = 0
    stopped_early: bool = False
    errors: list[str] = field(default_factory=list)


def sweep(
    now: dt.datetime | None = None, batch_size: int | None = None, budget_seconds: float = 200
) -> SweepResult:
    """Run batches until nothing is due or the time budget (inside the task's time limit)
    is spent; what is left waits for the next beat."""
    now = now or timezone.now()
    batch_size = batch_size or settings.DEADLINES_SWEEP_BATCH
    started = time.monotonic()
    result = SweepResult()
    directory = Directory()
    while True:
        handled, sent = sweep_batch(now, batch_size, directory)
        result.batches += 1
        result.deadlines += handled
        result.reminders += sent
        if handled < batch_size:
            return result
        if time.monotonic() - started > budget_seconds:
            result.stopped_early = True
            return result


# Only what the sweep reads: fewer columns to fetch and convert, thousands of times over.
SWEEP_FIELDS = [
    "id",
    "starts_at",
    "due_at",
    "missed_at",
    "next_reminder_at",
    "reminded_through",
    "organisation_id",
    "organisation__name",
    "rule__name",
    "rule__reminder_days",
    "rule__escalate_after_working_days",
    "case__number",
    "case__organisation_id",
    "case__assignee__username",
    "case__assignee__first_name",
    "case__assignee__last_name",
]


def sweep_batch(now: dt.datetime, batch_size: int, directory: Directory) -> tuple[int, int]:
    with transaction.atomic():
        batch = list(
            Deadline.objects.select_for_update(skip_locked=True, of=("self",))
            .due_for_reminder(now)
            .filter(met_at=None, paused_at=None)
            .select_related("rule", "case", "case__assignee", "organisation")
            .only(*SWEEP_FIELDS)
            .order_by("next_reminder_at")[:batch_size]
        )
        if not batch:
            return 0, 0
        directory.load_staff(
            d.organisation_id or d.case.organisation_id
            for d in batch
            if d.organisation_id is not None or d.case.assignee_id is None
        )
        plan = Plan()
        for deadline in batch:
            _plan(deadline, now, directory, plan)
        plan.digest_escalations()
        if plan.unreachable:
            # Nobody works there and nobody supervises it: say so rather than drop it quietly.
            log.warning(
                "%s reminders had nobody to go to (deadlines %s ...)",
                len(plan.unreachable),
                plan.unreachable[:5],
            )
        _claim_reminders(plan.reminders, now)
        notify_once(plan.inbox)
        _move_bookmarks(batch, now)
    return len(batch), len(plan.inbox)


# A supervisor told of more overdue clocks than this in one batch gets one summary instead.
DIGEST_ABOVE = 3


@dataclass
class Plan:
    reminders: list[tuple[int, str, int]] = field(default_factory=list)  # deadline, stage, user
    inbox: list[InboxItem] = field(default_factory=list)
    # supervisor id -> (case number, message) of the escalations meant for them in this batch
    escalations: dict[int, list[tuple[str, InboxItem]]] = field(default_factory=dict)
    unreachable: list[int] = field(default_factory=list)

    def digest_escalations(self) -> None:
        """A supervisor is not flooded: a handful of escalations arrive one by one, more
        arrive as one summary (the Reminder rows still record each deadline)."""
        for user_id, pairs in self.escalations.items():
            items = [item for _number, item in pairs]
            if len(items) <= DIGEST_ABOVE:
                self.inbox.extend(items)
                continue
            numbers = [number for number, _item in pairs]
            title, body = render(
                "deadline_escalated_digest",
                count=len(items),
                cases="、".join(numbers[:10]) + ("等" if len(numbers) > 10 else ""),
            )
            self.inbox.append(
                InboxItem(
                    user_id,
                    "deadline_escalated",
                    title,
                    body,
                    "/deadlines/overdue/",
                    f"digest:{items[0].dedupe_key}",
                )
            )


def _claim_reminders(rows: list[tuple[int, str, int]], now: dt.datetime) -> None:
    """The unique (deadline, stage, recipient) rows, one INSERT per thousand; a row that
    exists already is skipped (ON CONFLICT DO NOTHING, on PostgreSQL and SQLite alike)."""
    table = Reminder._meta.db_table
    stamp = connection.ops.adapt_datetimefield_value(now)
    for start in range(0, len(rows), 1000):
        chunk = rows[start : start + 1000]
        params: list = []
        for deadline_id, stage, recipient_id in chunk:
            params += [deadline_id, stage, recipient_id, stamp]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (deadline_id, stage, recipient_id, created_at) VALUES "
                f"{', '.join(['(%s, %s, %s, %s)'] * len(chunk))} ON CONFLICT DO NOTHING",
                params,
            )


def _move_bookmarks(batch: list[Deadline], now: dt.datetime) -> None:
    """One UPDATE ... FROM (VALUES ...) for the whole batch (Django's bulk_update builds a
    CASE per row and field, several times slower). Standard SQL that PostgreSQL and SQLite
    (3.33+) both run; ``column1``/``column2`` are both engines' names for VALUES columns."""
    ops = connection.ops
    table = Deadline._meta.db_table
    rows = ", ".join(["(%s, %s)"] * len(batch))
    params: list = []
    for deadline in batch:
        params += [deadline.pk, ops.adapt_datetimefield_value(deadline.next_reminder_at)]
    stamp = ops.adapt_datetimefield_value(now)
    cast = "::timestamptz" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET next_reminder_at = v.column2{cast}, reminded_through = %s, "
            f"missed_at = COALESCE({table}.missed_at, "
            f"CASE WHEN {table}.due_at <= %s THEN {table}.due_at END) "
            f"FROM (VALUES {rows}) AS v WHERE {table}.id = v.column1",
            [stamp, stamp, *params],
        )


def _plan(deadline: Deadline, now, directory: Directory, plan: Plan) -> None:
    """Decide this deadline's reminders and move its bookmark on. Stages missed while no
    sweep ran (a stopped worker) collapse into the latest one: one message, not five."""
    passed, following = stages_between(
        deadline.rule, deadline.due_at, deadline.reminded_through or deadline.starts_at, now
    )
    personal = [s for s in passed if s.event != "deadline_escalated"]
    chosen = personal[-1:] + [s for s in passed if s.event == "deadline_escalated"]
    responsible = responsible_ids(deadline.case, directory, owner_id=deadline.organisation_id)
    for stage in chosen:
        if stage.event == "deadline_escalated":
            recipients = directory.supervisors_for(
                deadline.organisation_id or deadline.case.organisation_id
            )
        else:
            recipients = responsible
        if not recipients:
            plan.unreachable.append(deadline.pk)
        title, body = _words(deadline, stage, directory)
        for user_id in recipients:
            key = f"{deadline.pk}:{stage.key}:{user_id}"
            plan.reminders.append((deadline.pk, stage.key, user_id))
            item = InboxItem(user_id, stage.event, title, body, _link(deadline), f"reminder:{key}")
            if stage.event == "deadline_escalated":
                plan.escalations.setdefault(user_id, []).append((deadline.case.number, item))
            else:
                plan.inbox.append(item)
    deadline.reminded_through = now
    deadline.next_reminder_at = following.at
    if deadline.missed_at is None and deadline.due_at <= now:
        deadline.missed_at = deadline.due_at


def _words(deadline: Deadline, stage: Stage, directory: Directory) -> tuple[str, str]:
    assignee = deadline.case.assignee
    owner = deadline.organisation
    if owner is not None:
        responsible = owner.name
    elif assignee is not None:
        responsible = assignee.get_full_name() or assignee.get_username()
    else:
        responsible = "未指定"
    return render(
        stage.event,
        case_number=deadline.case.number,
        rule=deadline.rule.name,
        days=stage.days,
        due=date_format(timezone.localtime(deadline.due_at), "Y年n月j日"),
        working_days=deadline.rule.escalate_after_working_days,
        responsible=responsible,
    )


def _link(deadline: Deadline) -> str:
    return f"/deadlines/{deadline.pk}/"
