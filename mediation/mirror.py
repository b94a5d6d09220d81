"""Keeps each case's MediationFile in step with the case's organisation, mediator and status.

Every status change goes through cases.services.transition(), which sends
``case_transitioned`` inside its transaction; filing sends ``case_filed``. So the mirror
commits or rolls back with the change that caused it, whichever app made it.
"""

from __future__ import annotations

from .models import MediationFile


def _values(case) -> dict:
    return {
        "organisation_id": case.organisation_id,
        "assignee_id": case.assignee_id,
        "status": case.status,
        "status_changed_at": case.status_changed_at,
    }


def on_case_filed(sender, case, **kwargs) -> None:
    # The case was created in this transaction: nothing to update, no race to guard against.
    MediationFile.objects.create(case=case, **_values(case))


def on_case_transitioned(sender, case, **kwargs) -> None:
    if not MediationFile.objects.filter(case=case).update(**_values(case)):
        MediationFile.objects.create(case=case, **_values(case))


def backfill(apps=None) -> int:
    """Mirror rows for cases filed before mediation kept them (one INSERT ... SELECT)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO mediation_mediationfile (case_id, organisation_id, assignee_id, status,
                status_changed_at, routing_reason, escalations, outcome, performance, referral,
                created_at, updated_at)
            SELECT c.id, c.organisation_id, c.assignee_id, c.status, c.status_changed_at,
                '', 0, '', '', '', c.filed_at, c.updated_at
            FROM cases_case c
            WHERE NOT EXISTS (SELECT 1 FROM mediation_mediationfile f WHERE f.case_id = c.id)
            """
        )
        return cursor.rowcount


# deadlines/ sends no signal of its own; each of these changes of a clock leaves its event on
# the case's timeline in the same transaction, so the mirrored due date follows it there.
CLOCK_EVENTS = frozenset({"deadline_paused", "deadline_resumed", "deadline_extended"})


def on_case_event(sender, instance, created: bool, **kwargs) -> None:
    if created and instance.kind in CLOCK_EVENTS:
        sync_mediation_due(instance.case_id)


def sync_mediation_due(case_id: int) -> None:
    """The board's overdue list reads ``mediation_due_at``: the open people's-mediation clock's
    due time, or nothing while it is paused (a paused clock is not overdue)."""
    from deadlines.models import Deadline

    from .services import DEADLINE_KIND

    clock = (
        Deadline.objects.filter(case_id=case_id, kind=DEADLINE_KIND, met_at=None)
        .order_by("-id")
        .values("due_at", "paused_at")
        .first()
    )
    due = clock["due_at"] if clock and clock["paused_at"] is None else None
    MediationFile.objects.filter(case_id=case_id, outcome="").update(mediation_due_at=due)
