"""The case's next_due_at marker follows its clocks, and the overdue list reads it."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from cases.models import Case
from deadlines.services import (
    DeadlineRefused,
    extend_deadline,
    meet_deadlines,
    pause_deadline,
    resume_deadline,
    start_deadline,
)
from tests.cases.factories import a_case

pytestmark = pytest.mark.django_db


def marker(case) -> dt.datetime | None:
    return Case.objects.values_list("next_due_at", flat=True).get(pk=case.pk)


def overdue_numbers(client, value: str = "true") -> set[str]:
    response = client.get("/api/v1/cases/", {"overdue": value})
    assert response.status_code == 200
    return {row["number"] for row in response.json()["results"]}


def days_ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def test_a_case_without_clocks_has_no_marker_and_is_not_overdue(client, supervisor):
    case = a_case()
    client.force_login(supervisor)
    assert marker(case) is None
    assert overdue_numbers(client) == set()
    assert overdue_numbers(client, "false") == {case.number}


def test_starting_clocks_sets_the_marker_to_the_earliest_due_time(client, supervisor):
    case = a_case()
    later = start_deadline(case=case, kind="petition_conclude")  # 60 days
    assert marker(case) == later.due_at
    sooner = start_deadline(case=case, kind="legal_aid_decision")  # 7 days
    assert marker(case) == sooner.due_at
    client.force_login(supervisor)
    assert overdue_numbers(client) == set()


def test_a_clock_started_long_ago_puts_the_case_on_the_overdue_list(client, supervisor):
    late, on_time = a_case(), a_case()
    start_deadline(case=late, kind="legal_aid_decision", starts_at=days_ago(30))
    start_deadline(case=on_time, kind="legal_aid_decision")
    client.force_login(supervisor)
    assert overdue_numbers(client) == {late.number}
    assert overdue_numbers(client, "false") == {on_time.number}


def test_meeting_a_clock_moves_the_marker_to_the_next_one_then_clears_it(client, supervisor):
    case = a_case()
    start_deadline(case=case, kind="legal_aid_decision", starts_at=days_ago(30))
    running = start_deadline(case=case, kind="petition_conclude")
    client.force_login(supervisor)
    assert overdue_numbers(client) == {case.number}

    meet_deadlines(case=case, kind="legal_aid_decision")
    assert marker(case) == running.due_at
    assert overdue_numbers(client) == set()

    meet_deadlines(case=case, kind="petition_conclude")
    assert marker(case) is None


def test_a_paused_clock_is_not_overdue_and_counts_again_once_resumed(client, supervisor, mediator):
    case = a_case()
    deadline = start_deadline(case=case, kind="pre_litigation", starts_at=days_ago(60))
    client.force_login(supervisor)
    assert overdue_numbers(client) == {case.number}

    pause_deadline(deadline, reason="等待申请人补充材料", actor=None)
    assert marker(case) is None
    assert overdue_numbers(client) == set()

    resume_deadline(deadline, actor=None)
    deadline.refresh_from_db()
    assert marker(case) == deadline.due_at
    assert overdue_numbers(client) == {case.number}


def test_an_extension_moves_the_marker_and_takes_the_case_off_the_overdue_list(
    client, supervisor, mediator
):
    case = a_case()
    deadline = start_deadline(case=case, kind="pre_litigation", starts_at=days_ago(35))
    client.force_login(supervisor)
    assert overdue_numbers(client) == {case.number}

    extend_deadline(
        deadline,
        new_due_date=timezone.localdate() + dt.timedelta(days=5),
        reason="双方同意继续调解",
        approved_by=supervisor,
        actor=supervisor,
    )
    deadline.refresh_from_db()
    assert marker(case) == deadline.due_at > timezone.now()
    assert overdue_numbers(client) == set()


def test_a_refused_extension_leaves_the_marker_alone(supervisor, mediator):
    case = a_case()
    deadline = start_deadline(case=case, kind="pre_litigation", starts_at=days_ago(35))
    before = marker(case)
    with pytest.raises(DeadlineRefused):
        extend_deadline(
            deadline,
            new_due_date=timezone.localdate() + dt.timedelta(days=5),
            reason="",
            approved_by=supervisor,
            actor=supervisor,
        )
    assert marker(case) == before == deadline.due_at


def test_the_data_migration_fills_the_marker_from_running_clocks():
    late, paused, done, none = a_case(), a_case(), a_case(), a_case()
    first = start_deadline(case=late, kind="legal_aid_decision", starts_at=days_ago(30))
    start_deadline(case=late, kind="petition_conclude")
    pause_deadline(start_deadline(case=paused, kind="pre_litigation"), reason="等待材料")
    start_deadline(case=done, kind="legal_aid_decision")
    meet_deadlines(case=done, kind="legal_aid_decision")
    Case.objects.update(next_due_at=None)  # the fresh column the migration fills

    migration = importlib.import_module("deadlines.migrations.0005_case_next_due_backfill")
    migration.backfill(apps, None)

    assert marker(late) == first.due_at
    assert [marker(c) for c in (paused, done, none)] == [None, None, None]
