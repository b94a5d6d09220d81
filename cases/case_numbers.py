"""Case numbers: each organisation numbers its cases per year, in order of receipt
(坡头调〔2026〕12号); a number is unique and never issued twice.

On PostgreSQL each organisation and year has a sequence of its own, taken by the function
``next_case_number`` (migration cases 0010), which makes the sequence on the organisation's
first filing of a year. Taking a number locks nothing until the filing commits, so
concurrent filings to one organisation (a burst of court pushes to one bureau) never queue
behind each other's transactions. A sequence is not rolled back: a filing that fails after
taking its number leaves a gap, never a number issued twice.

SQLite (the embedded default) lets one writer in at a time anyway; there a counter row,
updated in the filing's transaction, keeps the numbers without gaps.
"""

from __future__ import annotations

from django.db import connection

from accounts.models import Organisation

from .models import CaseNumberCounter


def issue_case_number(organisation: Organisation, year: int) -> tuple[int, str]:
    """The next sequence of ``organisation``'s ``year`` and the number it makes."""
    if connection.vendor == "postgresql":
        sequence = _next_from_sequence(organisation.pk, year)
    else:
        sequence = _next_from_counter(organisation, year)
    prefix = organisation.file_prefix or organisation.code
    return sequence, f"{prefix}〔{year}〕{sequence}号"


def _next_from_sequence(organisation_id: int, year: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT next_case_number(%s, %s)", [organisation_id, year])
        row = cursor.fetchone()
    assert row is not None  # the function always answers
    return int(row[0])


def _next_from_counter(organisation: Organisation, year: int) -> int:
    CaseNumberCounter.objects.bulk_create(
        [CaseNumberCounter(organisation=organisation, year=year)], ignore_conflicts=True
    )
    counter = CaseNumberCounter.objects.select_for_update().get(
        organisation=organisation, year=year
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last
