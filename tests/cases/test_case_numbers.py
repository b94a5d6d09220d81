"""Case numbers: per organisation and year, in order of receipt, unique, never issued twice,
and (on PostgreSQL) taken without holding anything until the filing commits."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction
from django.utils import timezone

from cases.models import Case, CaseNumberCounter
from tests.cases.factories import a_case
from tests.conftest import org

YEAR = timezone.localdate().year


def a_filing_that_fails_after_it_was_numbered() -> Case:
    """Files a case in a transaction that then fails; returns the case it had made."""
    made: list[Case] = []

    def file_then_fail() -> None:
        with transaction.atomic():
            made.append(a_case())
            raise RuntimeError("the filing fails after it was numbered")

    with pytest.raises(RuntimeError):
        file_then_fail()
    return made[0]


def postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL numbers from a sequence; SQLite from a locked counter row")


@pytest.mark.django_db
def test_consecutive_filings_get_consecutive_numbers_of_the_centre_and_year():
    first, second = a_case(), a_case()

    assert first.number == f"坡头调〔{YEAR}〕{first.number_sequence}号"
    assert second.number_sequence == first.number_sequence + 1


@pytest.mark.django_db
def test_a_filing_that_rolls_back_gives_its_number_to_no_case():
    first = a_case()
    lost = a_filing_that_fails_after_it_was_numbered()
    after = a_case()

    # Only the two filings that went through are there (SQLite may give the next case the
    # rolled-back row's id, so the cases are compared by id and tracking code together).
    kept = set(Case.objects.values_list("pk", "tracking_code"))
    assert kept == {(first.pk, first.tracking_code), (after.pk, after.tracking_code)}
    assert (lost.pk, lost.tracking_code) not in kept
    assert after.number_sequence > first.number_sequence
    assert Case.objects.filter(number=after.number).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db
def test_on_postgresql_a_rolled_back_number_is_never_issued_again():
    postgres_only()
    a_case()  # the centre's sequence for the year exists from its first filing on
    lost = a_filing_that_fails_after_it_was_numbered()
    after = a_case()

    assert after.number_sequence == lost.number_sequence + 1


@pytest.mark.postgres
@pytest.mark.django_db
def test_numbering_continues_after_the_last_number_a_counter_row_issued():
    postgres_only()
    CaseNumberCounter.objects.create(organisation=org("centre-440804"), year=YEAR, last=41)

    assert a_case().number == f"坡头调〔{YEAR}〕42号"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_thousand_concurrent_filings_to_one_organisation_get_distinct_numbers(
    no_self_routing,
):
    """Forty connections file 25 cases each, all starting at once, so that the first filings
    also race to make the organisation's sequence."""
    postgres_only()
    threads, per_thread = 40, 25
    start = threading.Barrier(threads)
    errors: list[Exception] = []

    def file_some() -> None:
        try:
            start.wait()
            for _ in range(per_thread):
                a_case()
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=file_some) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert errors == []
    cases = Case.objects.filter(numbered_by=org("centre-440804"), number_year=YEAR)
    sequences = sorted(cases.values_list("number_sequence", flat=True))
    assert len(sequences) == threads * per_thread
    assert sequences == list(range(sequences[0], sequences[0] + threads * per_thread))
    assert cases.values("number").distinct().count() == threads * per_thread
