"""The working calendar and due-date arithmetic, pinned with dates around the Spring
Festival and National Day (the published arrangements for 2025 and 2026)."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from django.utils import timezone

from deadlines import calendar
from deadlines.models import DeadlineRule, DeadlineUnit
from deadlines.schedule import compute_due, stages

D = dt.date


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def rule(unit: str, amount: int, **extra) -> DeadlineRule:
    return DeadlineRule(code="t", name="测试", unit=unit, amount=amount, **extra)


def test_spring_festival_2026_holidays_are_not_working_days_and_the_make_up_saturday_is():
    # 2026: 2月15日至23日放假，2月14日（周六）、2月28日（周六）上班。
    assert not calendar.is_working_day(D(2026, 2, 16))
    assert not calendar.is_working_day(D(2026, 2, 23))
    assert calendar.is_working_day(D(2026, 2, 14))
    assert calendar.is_working_day(D(2026, 2, 28))


def test_five_working_days_from_before_spring_festival_skip_the_holiday_and_count_make_up_days():
    # Given a clock started on Thursday 12 February 2026
    # When five working days are counted: 13 (Fri), 14 (make-up Sat), 24, 25, 26 February
    assert calendar.add_working_days(D(2026, 2, 12), 5) == D(2026, 2, 26)


def test_working_days_across_national_day_2025():
    # 2025: 10月1日至8日放假，9月28日（周日）、10月11日（周六）上班。
    # Counting 3 working days from 27 Sep: 28 Sep (make-up Sun), 29, 30 Sep.
    assert calendar.add_working_days(D(2025, 9, 27), 3) == D(2025, 9, 30)
    # From 30 Sep: 9 Oct, 10 Oct, 11 Oct (make-up Sat).
    assert calendar.add_working_days(D(2025, 9, 30), 3) == D(2025, 10, 11)


def test_a_working_day_clock_started_before_national_day_ends_after_it():
    due = compute_due(rule(DeadlineUnit.WORKING_DAYS, 5), at(D(2025, 9, 29)))
    # 30 Sep, 9, 10, 11 (make-up Sat), 13 Oct.
    assert timezone.localtime(due.at).date() == D(2025, 10, 13)
    assert due.is_date
    assert not due.provisional


def test_a_calendar_day_clock_ending_in_the_spring_festival_rolls_to_the_first_working_day():
    # 15 calendar days from 1 Feb 2026 is 16 Feb, inside the holiday: it ends on 24 Feb.
    due = compute_due(rule(DeadlineUnit.CALENDAR_DAYS, 15), at(D(2026, 2, 1)))
    assert timezone.localtime(due.at).date() == D(2026, 2, 24)


def test_a_calendar_day_clock_without_roll_over_ends_on_the_holiday_itself():
    due = compute_due(
        rule(DeadlineUnit.CALENDAR_DAYS, 15, roll_over_holiday=False), at(D(2026, 2, 1))
    )
    assert timezone.localtime(due.at).date() == D(2026, 2, 16)


def test_a_clock_ending_on_a_make_up_saturday_does_not_roll():
    # 28 Feb 2026 is a Saturday but a working day.
    due = compute_due(rule(DeadlineUnit.CALENDAR_DAYS, 14), at(D(2026, 2, 14)))
    assert timezone.localtime(due.at).date() == D(2026, 2, 28)


def test_an_hour_clock_ends_at_an_instant_and_ignores_holidays():
    due = compute_due(rule(DeadlineUnit.HOURS, 48), at(D(2026, 2, 15), 9))
    assert due.at == at(D(2026, 2, 17), 9)
    assert not due.is_date


def test_a_day_beyond_the_published_arrangement_counts_weekends_only_and_says_so(caplog):
    # The package knows no year after 2026; 2027's holidays are not published.
    with caplog.at_level(logging.WARNING, logger="deadlines.calendar"):
        calendar._warned_years.discard(2099)
        assert calendar.is_working_day(D(2099, 1, 2)) is True  # a Friday
        assert calendar.is_working_day(D(2099, 1, 3)) is False  # a Saturday
    assert "2099" in caplog.text
    due = compute_due(rule(DeadlineUnit.WORKING_DAYS, 10), at(D(2026, 12, 25)))
    assert due.provisional
    assert timezone.localtime(due.at).date() == D(2027, 1, 8)


def test_reminder_stages_run_three_days_before_one_before_on_the_day_then_daily_and_escalate():
    due_at = timezone.make_aware(
        dt.datetime(  # noqa: DTZ001 made aware here
            2026, 3, 10, 23, 59, 59
        )
    )
    sequence = []
    for stage in stages(rule(DeadlineUnit.CALENDAR_DAYS, 30), due_at):
        sequence.append((stage.key, timezone.localtime(stage.at).strftime("%m-%d %H")))
        if len(sequence) == 7:
            break
    # 10 March 2026 is a Tuesday: two working days overdue are Wed 11 and Thu 12, so the
    # supervisor hears on Friday 13 at 08:00 together with the third daily reminder.
    assert sequence == [
        ("before3@2026-03-10", "03-07 08"),
        ("before1@2026-03-10", "03-09 08"),
        ("due@2026-03-10", "03-10 08"),
        ("overdue1@2026-03-10", "03-11 08"),
        ("overdue2@2026-03-10", "03-12 08"),
        ("escalate@2026-03-10", "03-13 08"),
        ("overdue3@2026-03-10", "03-13 08"),
    ]


def test_escalation_waits_for_working_days_over_the_spring_festival():
    due_at = timezone.make_aware(
        dt.datetime(  # noqa: DTZ001 made aware here
            2026, 2, 13, 23, 59, 59
        )
    )
    escalate = next(
        s
        for s in stages(rule(DeadlineUnit.CALENDAR_DAYS, 1), due_at)
        if s.event == "deadline_escalated"
    )
    # Working days after Fri 13 Feb: Sat 14 (make-up), then Tue 24 Feb; escalation on the 25th.
    assert timezone.localtime(escalate.at).date() == D(2026, 2, 25)


@pytest.mark.django_db
def test_a_rule_with_negative_or_zero_days_is_refused_with_a_chinese_message():
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError, transaction

    bad = DeadlineRule(code="bad", name="坏规则", unit=DeadlineUnit.CALENDAR_DAYS, amount=0)
    with pytest.raises(ValidationError) as caught:
        bad.full_clean()
    assert "期限必须至少为 1" in str(caught.value)
    bad.amount = -3
    with pytest.raises(ValidationError):
        bad.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        DeadlineRule.objects.create(code="bad", name="坏规则", unit="calendar_days", amount=-3)
    bad.amount, bad.reminder_days = 5, "3,-1"
    with pytest.raises(ValidationError) as caught:
        bad.full_clean()
    assert "不能为负数" in str(caught.value)
