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
    MediationFile.objects.update_or_create(case=case, defaults=_values(case))


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
