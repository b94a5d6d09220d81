"""Duplicate detection at filing: the same two parties with an open case between them."""

from __future__ import annotations

import pytest

from cases.models import CaseStatus
from cases.services import PartyInput, transition
from tests.cases.factories import a_case

pytestmark = pytest.mark.django_db


def parties(applicant_id="", applicant_phone="", respondent_phone="13987654321"):
    return [
        PartyInput(side="applicant", name="甲", id_number=applicant_id, phone=applicant_phone),
        PartyInput(side="respondent", name="乙", phone=respondent_phone),
    ]


def test_a_new_case_between_the_same_parties_is_flagged_and_linked():
    earlier = a_case()
    later = a_case(parties=parties(applicant_id="440802199001011238"))
    assert later.possible_duplicate_of == earlier
    assert list(earlier.possible_duplicates.all()) == [later]
    assert later.events.get(kind="possible_duplicate").payload["case_id"] == earlier.pk


def test_the_sides_may_be_swapped():
    earlier = a_case()
    swapped = a_case(
        parties=[
            PartyInput(side="applicant", name="林某", phone="13987654321"),
            PartyInput(side="respondent", name="陈某", phone="13812345678"),
        ]
    )
    assert swapped.possible_duplicate_of == earlier


def test_a_different_counter_party_is_not_a_duplicate():
    a_case()
    other = a_case(
        parties=parties(applicant_id="440802199001011238", respondent_phone="13600000000")
    )
    assert other.possible_duplicate_of is None


def test_a_finished_case_is_not_a_duplicate():
    earlier = a_case()
    transition(
        earlier,
        to=CaseStatus.WITHDRAWN,
        allowed_from=[CaseStatus.RECEIVED],
        actor=None,
        kind="withdrawn",
        text="已撤回",
    )
    later = a_case()
    assert later.possible_duplicate_of is None
