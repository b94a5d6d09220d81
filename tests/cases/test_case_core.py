from __future__ import annotations

import pytest
from django.db import DatabaseError, transaction

from accounts import pii
from cases.models import Case, CaseEvent, CaseStatus
from cases.services import ConcurrentChange, TransitionRefused, transition
from tests.cases.factories import a_case


@pytest.mark.django_db
def test_a_filed_case_gets_a_number_of_its_organisation_and_year():
    first, second = a_case(), a_case()
    assert first.organisation.code == "centre-440804"
    assert first.number.startswith("坡头调〔20")
    assert first.number_sequence + 1 == second.number_sequence
    assert first.number != second.number


@pytest.mark.django_db
def test_a_filed_case_derives_town_and_county_from_the_village():
    case = a_case()
    assert (case.town_code, case.county_code) == ("440804104", "440804")
    assert list(Case.objects.in_region("440804104")) == [case]
    assert list(Case.objects.in_region("440882")) == []


@pytest.mark.django_db
def test_the_tracking_code_is_random_and_long_enough():
    codes = {a_case().tracking_code for _ in range(5)}
    assert len(codes) == 5
    assert all(len(code) >= 8 for code in codes)


@pytest.mark.django_db
def test_resident_ids_are_stored_encrypted_with_a_lookup_hash():
    party = a_case().parties.get(side="applicant")
    assert "440802199001011238" not in party.id_number_encrypted
    assert pii.decrypt(party.id_number_encrypted) == "440802199001011238"
    assert party.id_number_hash == pii.lookup_hash("440802199001011238")
    assert party.id_number_masked == "440802********1238"


@pytest.mark.django_db
def test_filing_writes_a_public_first_event():
    event = a_case().events.get()
    assert event.kind == "filed"
    assert event.is_public
    assert event.to_status == CaseStatus.RECEIVED


@pytest.mark.django_db
def test_the_database_refuses_to_change_or_delete_timeline_events():
    event = a_case().events.get()
    with pytest.raises(DatabaseError), transaction.atomic():
        CaseEvent.objects.filter(pk=event.pk).update(text="改写")
    with pytest.raises(DatabaseError), transaction.atomic():
        CaseEvent.objects.filter(pk=event.pk).delete()
    assert CaseEvent.objects.get(pk=event.pk).text.startswith("已登记")


@pytest.mark.django_db
def test_an_illegal_transition_says_what_is_allowed_and_changes_nothing():
    case = a_case()
    with pytest.raises(TransitionRefused) as caught:
        transition(
            case,
            to=CaseStatus.CLOSED,
            allowed_from=[CaseStatus.AGREEMENT],
            actor=None,
            kind="close",
            text="结案",
        )
    assert "达成协议" in caught.value.message
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED
    assert case.events.count() == 1


@pytest.mark.django_db
def test_a_stale_transition_is_refused_as_a_concurrent_change():
    case = a_case()
    stale = Case.objects.get(pk=case.pk)
    transition(
        case,
        to=CaseStatus.ROUTED,
        allowed_from=[CaseStatus.RECEIVED],
        actor=None,
        kind="routed",
        text="已分派",
    )
    with pytest.raises(ConcurrentChange):
        transition(
            stale,
            to=CaseStatus.ROUTED,
            allowed_from=[CaseStatus.RECEIVED],
            actor=None,
            kind="routed",
            text="已分派",
        )
    assert case.events.filter(kind="routed").count() == 1


@pytest.mark.django_db
def test_a_mediator_sees_a_case_of_the_centre_assigned_to_them_and_no_other(mediator):
    from cases.access import cases_for_user, get_case_for_user

    assigned, other = a_case(), a_case()
    Case.objects.filter(pk=assigned.pk).update(assignee=mediator)
    assert get_case_for_user(mediator, assigned.pk) == assigned
    assert list(cases_for_user(mediator)) == [assigned]
    assert other.organisation.code == "centre-440804"
