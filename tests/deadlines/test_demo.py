from __future__ import annotations

from accounts import demo as staff_demo
from deadlines import demo
from deadlines.models import Deadline
from notifications.models import Notification


def test_the_demo_seed_gives_the_mediator_clocks_and_an_inbox_and_runs_twice_unchanged(db):
    staff_demo.seed()
    demo.seed()
    clocks, notes = Deadline.objects.count(), Notification.objects.count()
    assert clocks == 4
    assert Notification.objects.filter(
        recipient__username="mediator", kind="deadline_overdue"
    ).exists()
    demo.seed()
    assert (Deadline.objects.count(), Notification.objects.count()) == (clocks, notes)


def test_the_demo_seed_skips_quietly_without_demo_staff(db):
    assert demo.seed() == []
    assert not Deadline.objects.exists()
