from __future__ import annotations

import pytest
from django_celery_beat.models import PeriodicTask

from transfers.models import RefusalReason

pytestmark = pytest.mark.django_db


def test_the_refusal_reasons_of_the_hand_off_rules_are_reference_data():
    names = list(RefusalReason.objects.values_list("name", flat=True))

    assert names[0] == "不属于本机构受理范围"
    assert "利益冲突需回避" in names
    assert names[-1] == "其他"


def test_the_sweep_runs_every_minute_and_reminders_hourly_on_the_beat_schedule():
    sweep = PeriodicTask.objects.get(task="transfers.sweep")
    remind = PeriodicTask.objects.get(task="transfers.remind")

    assert (sweep.enabled, sweep.interval.every) == (True, 60)
    assert remind.interval.every == 3600
