"""The parties' basic facts the mediation agreement states (人民调解法 §29): collected,
optionally, at the window and through the API; sex and birth date read from the ID."""

from __future__ import annotations

import datetime as dt

import pytest

from accounts.identifiers import resident_id_facts
from cases.models import Case, Party
from tests.cases.test_intake_pages import window_form
from tests.cases.test_public_api import dispute, post_json

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("440802199001011238", ("male", dt.date(1990, 1, 1))),
        ("440882198512310042", ("female", dt.date(1985, 12, 31))),
        ("44082419800101001X", ("male", dt.date(1980, 1, 1))),
        ("", ("", None)),
        ("not an id", ("", None)),
    ],
)
def test_sex_and_birth_date_are_read_from_a_resident_id(number, expected):
    assert resident_id_facts(number) == expected


def test_the_window_clerk_records_the_parties_facts_and_the_id_decides_sex_and_birth(
    client, window_clerk
):
    client.force_login(window_clerk)
    response = client.post(
        "/cases/new/",
        window_form(
            applicant_sex="female",  # the ID says otherwise, and the ID is right
            applicant_ethnicity="汉族",
            applicant_occupation="渔民",
            respondent_name="湛江某水产公司",
            respondent_credit_code="91440800MA4W00000C",
            respondent_legal_representative="林大海",
        ),
    )
    assert response.status_code == 302
    applicant = Party.objects.get(side="applicant")
    assert (applicant.sex, applicant.birth_date) == ("male", dt.date(1990, 1, 1))
    assert (applicant.ethnicity, applicant.occupation) == ("汉族", "渔民")
    respondent = Party.objects.get(side="respondent")
    assert respondent.kind == "organisation"
    assert respondent.legal_representative == "林大海"


def test_without_an_id_the_typed_sex_and_birth_date_are_kept(client, window_clerk):
    client.force_login(window_clerk)
    client.post(
        "/cases/new/",
        window_form(
            applicant_id_number="", applicant_sex="female", applicant_birth_date="1958-03-08"
        ),
    )
    applicant = Party.objects.get(side="applicant")
    assert (applicant.sex, applicant.birth_date) == ("female", dt.date(1958, 3, 8))


def test_a_birth_date_in_the_future_is_refused_beside_the_field_and_nothing_is_lost(
    client, window_clerk
):
    client.force_login(window_clerk)
    response = client.post(
        "/cases/new/",
        window_form(
            applicant_id_number="", applicant_birth_date="2999-01-01", applicant_ethnicity="壮族"
        ),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "出生日期应在1900年至今天之间。" in body
    assert 'value="壮族"' in body
    assert not Case.objects.exists()


def test_the_public_api_takes_the_facts_as_optional_fields_and_staff_read_them(client, supervisor):
    payload = dispute(
        applicant={
            "name": "陈某",
            "id_number": "440882198512310042",
            "phone": "13812345678",
            "ethnicity": "汉族",
            "occupation": "个体户",
        },
        respondents=[{"name": "湛江某公司", "legal_representative": "林大海"}],
    )
    assert post_json(client, payload).status_code == 201

    client.force_login(supervisor)
    case = Case.objects.get()
    parties = client.get(f"/api/v1/cases/{case.pk}/").json()["parties"]
    applicant, respondent = parties
    assert applicant["sex"] == "female"
    assert applicant["birth_date"] == "1985-12-31"
    assert applicant["ethnicity"] == "汉族"
    assert applicant["occupation"] == "个体户"
    assert respondent["legal_representative"] == "林大海"


def test_the_public_api_refuses_a_bad_sex_or_birth_date_and_files_nothing(client):
    payload = dispute()
    payload["applicant"]["sex"] = "unknown"
    payload["respondents"][0]["birth_date"] = "1850-01-01"
    response = post_json(client, payload)
    assert response.status_code == 400
    body = response.json()
    assert "sex" in body["applicant"]
    assert body["respondents"]["0"]["birth_date"] == ["出生日期应在1900年至今天之间。"]
    assert not Case.objects.exists()
