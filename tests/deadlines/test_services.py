"""Starting, meeting, pausing, resuming and extending clocks, each on the case's timeline."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from deadlines.models import Deadline, DeadlineExtension
from deadlines.services import (
    DeadlineRefused,
    extend_deadline,
    meet_deadlines,
    pause_deadline,
    resume_deadline,
    start_deadline,
)

from .conftest import local

D = dt.date


def timeline(case) -> list[str]:
    return list(case.events.values_list("kind", flat=True))


def test_starting_a_clock_computes_its_due_date_and_writes_the_timeline(case):
    deadline = start_deadline(case=case, kind="labour_mediation", starts_at=local(2026, 2, 1))
    # 15 days from 1 Feb is 16 Feb, in the Spring Festival: rolled to Tuesday 24 Feb.
    assert deadline.due_date == D(2026, 2, 24)
    assert deadline.original_due_at == deadline.due_at
    assert deadline.rule.code == "labour_mediation"
    assert "deadline_started" in timeline(case)
    assert "2026年2月24日" in case.events.get(kind="deadline_started").text


def test_meeting_a_clock_closes_it_and_stops_its_reminders(case):
    start_deadline(case=case, kind="labour_mediation")
    assert meet_deadlines(case=case, kind="labour_mediation") == 1
    deadline = Deadline.objects.get(case=case)
    assert deadline.met_at is not None
    assert deadline.next_reminder_at is None
    assert meet_deadlines(case=case, kind="labour_mediation") == 0
    assert timeline(case).count("deadline_met") == 1


def test_pausing_and_resuming_moves_the_due_date_by_the_days_it_stood_still(case, mediator):
    with time_machine.travel(local(2026, 3, 2), tick=False):
        deadline = start_deadline(case=case, kind="legal_aid_decision")  # 7 days: 9 March
    assert deadline.due_date == D(2026, 3, 9)
    with time_machine.travel(local(2026, 3, 3), tick=False):
        pause_deadline(deadline, reason="等待申请人补充经济困难证明", actor=mediator)
    deadline.refresh_from_db()
    assert deadline.is_paused
    assert deadline.next_reminder_at is None
    with time_machine.travel(local(2026, 3, 6), tick=False):
        resume_deadline(deadline, actor=mediator)
    deadline.refresh_from_db()
    # Paused 3 to 6 March: three days later, 12 March.
    assert deadline.due_date == D(2026, 3, 12)
    assert deadline.pauses.get().resumed_at is not None
    assert {"deadline_paused", "deadline_resumed"} <= set(timeline(case))


def test_pausing_a_met_deadline_is_refused_and_changes_nothing(case, mediator):
    deadline = start_deadline(case=case, kind="labour_mediation")
    meet_deadlines(case=case, kind="labour_mediation")
    with pytest.raises(DeadlineRefused, match="已完成，不能暂停"):
        pause_deadline(deadline, reason="等待材料", actor=mediator)
    assert not deadline.pauses.exists()
    assert "deadline_paused" not in timeline(case)


def test_pausing_twice_or_resuming_a_running_clock_is_refused(case, mediator):
    deadline = start_deadline(case=case, kind="labour_mediation")
    with pytest.raises(DeadlineRefused, match="没有暂停"):
        resume_deadline(deadline, actor=mediator)
    pause_deadline(deadline, reason="等待材料", actor=mediator)
    with pytest.raises(DeadlineRefused, match="已经暂停"):
        pause_deadline(deadline, reason="再次暂停", actor=mediator)
    with pytest.raises(DeadlineRefused, match="原因"):
        pause_deadline(deadline, reason="  ", actor=mediator)


def test_an_approved_extension_moves_the_due_date_and_records_who_approved(
    case, mediator, supervisor
):
    deadline = start_deadline(case=case, kind="pre_litigation", starts_at=local(2026, 3, 2))
    old = deadline.due_date
    extend_deadline(
        deadline,
        new_due_date=old + dt.timedelta(days=20),
        reason="双方同意继续调解",
        approved_by=supervisor,
        actor=mediator,
    )
    deadline.refresh_from_db()
    assert deadline.due_date == old + dt.timedelta(days=20)
    extension = DeadlineExtension.objects.get(deadline=deadline)
    assert extension.approved_by == supervisor
    assert extension.reason == "双方同意继续调解"
    event = case.events.get(kind="deadline_extended")
    assert "双方同意继续调解" in event.text
    assert "批准" in event.text


@pytest.mark.parametrize(
    ("days", "approver", "reason", "message"),
    [
        (10, None, "双方同意", "须经负责人批准"),
        (10, "mediator", "双方同意", "批准人须为"),
        (-1, "supervisor", "双方同意", "须晚于当前届满日"),
        (0, "supervisor", "双方同意", "须晚于当前届满日"),
        (10, "supervisor", "", "请填写延长理由"),
        (45, "supervisor", "双方同意", "最多只能延长至"),
    ],
)
def test_a_bad_extension_is_refused_with_a_reason_and_changes_nothing(
    case, mediator, supervisor, days, approver, reason, message
):
    approvers = {"mediator": mediator, "supervisor": supervisor, None: None}
    deadline = start_deadline(case=case, kind="pre_litigation")
    before = deadline.due_at
    with pytest.raises(DeadlineRefused, match=message):
        extend_deadline(
            deadline,
            new_due_date=deadline.due_date + dt.timedelta(days=days),
            reason=reason,
            approved_by=approvers[approver],
            actor=mediator,
        )
    deadline.refresh_from_db()
    assert deadline.due_at == before
    assert not DeadlineExtension.objects.exists()
    assert "deadline_extended" not in timeline(case)


def test_a_clock_the_law_does_not_let_extend_is_refused(case, supervisor):
    deadline = start_deadline(case=case, kind="judicial_confirmation_accept")
    with pytest.raises(DeadlineRefused, match="不能延长"):
        extend_deadline(
            deadline,
            new_due_date=deadline.due_date + dt.timedelta(days=2),
            reason="案情复杂",
            approved_by=supervisor,
        )


def test_a_deadline_due_next_year_is_marked_provisional(case):
    deadline = start_deadline(case=case, kind="petition_conclude", starts_at=local(2026, 12, 1))
    assert deadline.calendar_provisional
    assert deadline.due_at > timezone.now()


def test_another_area_texts_a_party_that_a_session_is_scheduled(case, mediator):
    from deadlines.invitations import text_party
    from notifications.models import OutboundMessage

    party = case.parties.get(name="林某")
    text_party(
        case=case,
        party=party,
        event="session_scheduled",
        timeline_text="已短信通知调解时间。",
        actor=mediator,
        when="12月3日上午9时",
        place="坡头区调解中心第一调解室",
    )
    message = OutboundMessage.objects.get()
    assert message.to == "13987654321"
    assert "12月3日上午9时" in message.body
    assert case.number in message.body
    assert case.events.get(kind="party_sms").is_public
