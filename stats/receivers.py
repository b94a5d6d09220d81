"""Cases tell stats what changed through cases.signals; the months whose figures that touches
(the month the case was filed, this month, and the present) go stale and are refreshed after
commit."""

from __future__ import annotations

from .periods import NOW, Month
from .services import queue_refresh


def on_case_filed(sender, case, **kwargs) -> None:
    queue_refresh(str(Month.of(case.filed_at)), NOW)


def on_case_transitioned(sender, case, **kwargs) -> None:
    queue_refresh(str(Month.of(case.filed_at)), str(Month.current()), NOW)
