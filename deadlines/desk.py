"""The desk panel: how many of the user's clocks are overdue, due today, due this week."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from .responsibility import deadlines_for_responsible


def my_deadlines_panel(request, membership) -> dict:
    cached = getattr(request, "_deadline_panel", None)
    if cached is not None:  # one computation however many working roles the user holds
        return cached
    now = timezone.now()
    end_of_today = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time.max))
    running = deadlines_for_responsible(request.user).filter(paused_at=None)
    # Capped counts: the panel says "99+" rather than count a large backlog exactly.
    panel = {
        "overdue": running.filter(due_at__lt=now)[:100].count(),
        "today": running.filter(due_at__gte=now, due_at__lte=end_of_today)[:100].count(),
        "week": running.filter(
            due_at__gt=end_of_today, due_at__lte=end_of_today + dt.timedelta(days=7)
        )[:100].count(),
    }
    request._deadline_panel = panel
    return panel
