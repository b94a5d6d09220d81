"""The reminder sweep: each stage to each person once, escalation to the supervisor, no
flood after an outage, and a query count that grows with batches, not deadlines."""

from __future__ import annotations

import threading

import pytest
import time_machine
from django.db import close_old_connections, connection

from cases.models import Case
from deadlines.models import Deadline, Reminder
from deadlines.reminders import sweep
from deadlines.services import pause_deadline, start_deadline
from notifications.models import Notification
from tests.cases.factories import a_case

from .conftest import local


def inbox(user) -> list[str]:
    return list(Notification.objects.for_user(user).order_by("id").values_list("kind", flat=True))


def test_each_stage_reaches_the_assignee_once_however_often_the_sweep_runs(case, mediator):
    # Given a 15-day clock started on 2 March 2026, due Tuesday 17 March
    deadline = start_deadline(case=case, kind="labour_mediation", starts_at=local(2026, 3, 2))
    # When the sweep runs on 14 March after 08:00, and again, and again
    for _ in range(3):
        with time_machine.travel(local(2026, 3, 14, 9), tick=False):
            sweep()
    # Then the mediator has exactly one "3 days left" message
    assert inbox(mediator) == ["deadline_before"]
    note = Notification.objects.get(recipient=mediator)
    assert "还有 3 天届满" in note.title
    assert case.number in note.title
    assert note.link_url == f"/deadlines/{deadline.pk}/"
    for day in (16, 17, 17):
        with time_machine.travel(local(2026, 3, day, 8, 5), tick=False):
            sweep()
    assert inbox(mediator) == ["deadline_before", "deadline_before", "deadline_due"]


def test_stages_missed_while_no_sweep_ran_collapse_into_one_message(case, mediator):
    start_deadline(case=case, kind="labour_mediation", starts_at=local(2026, 3, 2))
    # The workers were down from before the 3-days reminder until the day after the due day.
    with time_machine.travel(local(2026, 3, 18, 9), tick=False):
        sweep()
    assert inbox(mediator) == ["deadline_overdue"]
    assert "已逾期 1 天" in Notification.objects.get(recipient=mediator).title
    assert Deadline.objects.get().missed_at is not None


def test_after_two_working_days_overdue_the_supervisor_is_told_once(case, mediator, supervisor):
    start_deadline(case=case, kind="labour_mediation", starts_at=local(2026, 3, 2))  # due Tue 17
    for day in range(17, 25):
        with time_machine.travel(local(2026, 3, day, 9), tick=False):
            sweep()
    # Overdue working days Wed 18, Thu 19: the supervisor hears on Friday 20, once.
    assert inbox(supervisor) == ["deadline_escalated"]
    assert "督办" in Notification.objects.get(recipient=supervisor).title
    assert inbox(mediator).count("deadline_overdue") == 7  # daily, 18 to 24 March


def test_an_unassigned_case_reminds_its_organisations_staff_or_else_its_supervisor(
    unassigned_case, supervisor
):
    # The case sits with 坡头区's centre, where only the supervisor works.
    start_deadline(case=unassigned_case, kind="labour_mediation", starts_at=local(2026, 3, 2))
    with time_machine.travel(local(2026, 3, 16, 9), tick=False):
        sweep()
    assert inbox(supervisor) == ["deadline_before"]


def test_a_paused_or_met_deadline_gets_no_reminders(case, mediator):
    paused = start_deadline(case=case, kind="labour_mediation", starts_at=local(2026, 3, 2))
    pause_deadline(paused, reason="等待材料", actor=mediator)
    with time_machine.travel(local(2026, 3, 20, 9), tick=False):
        sweep()
    assert inbox(mediator) == []


def test_the_sweep_asks_a_number_of_queries_that_grows_with_batches_not_deadlines(
    mediator, django_assert_max_num_queries
):
    cases = [a_case() for _ in range(3)]
    Case.objects.filter(pk__in=[c.pk for c in cases]).update(assignee=mediator)
    for c in cases:
        for _ in range(20):
            start_deadline(case=c, kind="labour_mediation", starts_at=local(2026, 3, 2))
    # 60 deadlines in batches of 10: 6 full batches and an empty one.
    with (
        time_machine.travel(local(2026, 3, 16, 9), tick=False),
        django_assert_max_num_queries(7 * 8),
    ):
        result = sweep(batch_size=10)
    assert result.deadlines == 60
    assert result.batches == 7
    assert Notification.objects.filter(recipient=mediator).count() == 60


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_send_every_reminder_exactly_once(mediator):
    if connection.vendor != "postgresql":
        pytest.skip("SKIP LOCKED needs PostgreSQL")
    c = a_case()
    Case.objects.filter(pk=c.pk).update(assignee=mediator)
    for _ in range(400):
        start_deadline(case=c, kind="labour_mediation", starts_at=local(2026, 3, 2))
    results = []

    def run():
        try:
            with time_machine.travel(local(2026, 3, 16, 9), tick=False):
                results.append(sweep(batch_size=25))
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(r.deadlines for r in results) == 400
    assert Notification.objects.filter(recipient=mediator).count() == 400
    assert Reminder.objects.count() == 400


def test_a_supervisor_with_many_overdue_clocks_gets_one_summary_not_a_flood(
    case, mediator, supervisor
):
    for _ in range(6):
        start_deadline(case=case, kind="labour_mediation", starts_at=local(2026, 3, 2))
    with time_machine.travel(local(2026, 3, 20, 9), tick=False):
        sweep()
    assert inbox(supervisor) == ["deadline_escalated"]
    summary = Notification.objects.get(recipient=supervisor)
    assert "6 件" in summary.title
    assert case.number in summary.body
    assert summary.link_url == "/deadlines/overdue/"
    # Each deadline's escalation is still recorded once, for the record.
    assert Reminder.objects.filter(recipient=supervisor).count() == 6
    with time_machine.travel(local(2026, 3, 21, 9), tick=False):
        sweep()
    assert inbox(supervisor) == ["deadline_escalated"]


def test_the_reminder_sweep_is_on_the_beat_schedule_an_administrator_can_see(db):
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="deadlines.sweep_reminders")
    assert task.enabled
    assert task.interval.every == 300
    assert PeriodicTask.objects.filter(task="notifications.requeue_stuck").exists()


def test_an_administrator_editing_a_rule_to_zero_or_negative_days_gets_a_chinese_error(
    admin_client,
):
    from deadlines.models import DeadlineRule

    rule = DeadlineRule.objects.get(code="labour_mediation")
    url = f"/admin/deadlines/deadlinerule/{rule.pk}/change/"
    for amount in ("0", "-5"):
        response = admin_client.post(
            url,
            {
                "code": rule.code,
                "name": rule.name,
                "unit": rule.unit,
                "amount": amount,
                "max_extension": "0",
                "basis": rule.basis,
                "roll_over_holiday": "on",
                "reminder_days": "3,1,0",
                "escalate_after_working_days": "2",
            },
        )
        assert response.status_code == 200
        assert "errornote" in response.content.decode()
    rule.refresh_from_db()
    assert rule.amount == 15
