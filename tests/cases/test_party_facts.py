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


def a_filed_case():
    from tests.cases.factories import a_case

    return a_case()  # 陈某 with an ID number, 林某 without


def test_staff_handling_the_case_complete_a_partys_facts_and_the_timeline_says_which(
    client, supervisor
):
    case = a_filed_case()
    respondent = case.parties.get(side="respondent")
    client.force_login(supervisor)
    url = f"/cases/{case.pk}/parties/{respondent.pk}/facts/"
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        {"sex": "male", "birth_date": "1975-06-01", "ethnicity": "汉族", "occupation": "渔民"},
        follow=True,
    )

    assert "已保存林某的基本情况。" in response.content.decode()
    respondent.refresh_from_db()
    assert (respondent.sex, respondent.birth_date) == ("male", dt.date(1975, 6, 1))
    assert (respondent.ethnicity, respondent.occupation) == ("汉族", "渔民")
    event = case.events.get(kind="party_facts_updated")
    assert event.text == "补充了被申请人林某的基本情况：性别、出生日期、民族、职业或工作单位。"
    assert not event.is_public
    assert "渔民" not in event.text


def test_a_bad_birth_date_on_the_page_is_refused_beside_the_field_and_kept(client, supervisor):
    case = a_filed_case()
    respondent = case.parties.get(side="respondent")
    client.force_login(supervisor)
    response = client.post(
        f"/cases/{case.pk}/parties/{respondent.pk}/facts/",
        {"birth_date": "2999-01-01", "ethnicity": "瑶族"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "出生日期应在1900年至今天之间。" in body
    assert 'value="瑶族"' in body
    assert not case.events.filter(kind="party_facts_updated").exists()


def test_the_api_completes_facts_but_sex_and_birth_follow_the_id(client, supervisor):
    case = a_filed_case()
    applicant = case.parties.get(side="applicant")
    client.force_login(supervisor)
    url = f"/api/v1/cases/{case.pk}/parties/{applicant.pk}/"

    refused = client.patch(url, {"sex": "female"}, content_type="application/json")
    done = client.patch(url, {"occupation": "个体户"}, content_type="application/json")

    assert refused.status_code == 400
    assert "以身份证为准" in refused.json()["sex"][0]
    assert done.status_code == 200
    assert done.json()["occupation"] == "个体户"
    assert done.json()["sex"] == "male"
    assert done.json()["editable"] == ["ethnicity", "occupation", "address"]
    assert case.events.filter(kind="party_facts_updated").count() == 1


def test_no_one_outside_the_case_reads_or_changes_a_partys_facts(
    client, other_town_mediator, city_leader
):
    case = a_filed_case()
    party = case.parties.get(side="respondent")
    client.force_login(other_town_mediator)
    assert client.get(f"/cases/{case.pk}/parties/{party.pk}/facts/").status_code == 404
    api = f"/api/v1/cases/{case.pk}/parties/{party.pk}/"
    assert (
        client.patch(api, {"ethnicity": "汉族"}, content_type="application/json").status_code == 404
    )
    client.force_login(city_leader)  # sees every case, changes none
    assert client.post(f"/cases/{case.pk}/parties/{party.pk}/facts/", {}).status_code == 403
    assert (
        client.patch(api, {"ethnicity": "汉族"}, content_type="application/json").status_code == 403
    )
    assert client.patch(api, "[1]", content_type="application/json").status_code == 403
    party.refresh_from_db()
    assert party.ethnicity == ""
