from __future__ import annotations

import pytest
from django.core.cache import cache

from accounts.models import Role
from cases.models import Case
from enquiries import services
from enquiries.models import EnquiryLog
from tests.conftest import make_staff
from tests.courts.helpers import URL as COURT_URL
from tests.courts.helpers import court_client, push_payload
from tests.police.helpers import URL, police_client, referral_payload

pytestmark = pytest.mark.django_db
PAGE = "/enquiries/12368/"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def referred():
    """A case referred by the police, with the password its parties were given."""
    body = police_client().post(URL, referral_payload(), format="json").json()
    return Case.objects.get(number=body["case_number"]), body["enquiry_password"]


def ask(client, number, password):
    return client.post(PAGE, {"number": number, "password": password}).content.decode()


def test_the_operator_reads_status_next_step_and_handler(client, court_clerk, referred):
    case, password = referred
    client.force_login(court_clerk)

    page = ask(client, case.number, password)

    assert case.number in page
    assert "已登记" in page
    assert "等待分派给调解组织" in page
    assert "坡头区中心道路交通事故调解工作室" in page
    log = EnquiryLog.objects.get()
    assert (log.operator, log.case, log.answered) == (court_clerk, case, True)


def test_a_wrong_password_answers_exactly_like_an_unknown_number(client, window_clerk, referred):
    case, password = referred
    client.force_login(window_clerk)
    wrong = "000000" if password != "000000" else "111111"

    wrong_page = ask(client, case.number, wrong)
    unknown_page = ask(client, "坡头调〔2026〕999号", wrong)

    message = "编号或查询密码不正确"
    assert message in wrong_page
    assert message in unknown_page
    assert case.number not in wrong_page.replace(f'value="{case.number}"', "")
    assert list(EnquiryLog.objects.values_list("answered", flat=True)) == [False, False]


def test_any_case_gets_a_password_from_its_case_page(client, window_clerk):
    from cases.models import DisputeCategory
    from cases.services import CaseInput, PartyInput, file_case

    case = file_case(
        data=CaseInput(
            category=DisputeCategory.objects.get(code="neighbourhood"),
            village_code="440804104207",
            description="邻里纠纷。",
            parties=[PartyInput(side="applicant", name="王某")],
        )
    )
    client.force_login(window_clerk)

    response = client.post(f"/enquiries/cases/{case.pk}/password/", follow=True)

    text = response.content.decode()
    assert "已生成12368查询密码" in text
    password = text.split("已生成12368查询密码：")[1][:6]
    assert services.lookup(operator=window_clerk, number=case.number, password=password)


def test_a_pre_litigation_case_answers_to_the_court_number_and_its_notice_password(court_clerk):
    body = court_client().post(COURT_URL, push_payload(), format="json").json()

    answer = services.lookup(
        operator=court_clerk,
        number="(2026)粤0804民诉前调12号",
        password=body["enquiry_password"],
    )

    assert answer is not None
    assert answer.handler == "湛江市坡头区司法局"


def test_wrong_passwords_are_limited_per_operator(window_clerk, referred, settings):
    settings.ENQUIRY_MAX_FAILURES_PER_HOUR = 3
    settings.ENQUIRY_MAX_FAILURES_PER_CASE_PER_HOUR = 100
    case, password = referred
    for _ in range(3):
        services.lookup(operator=window_clerk, number="坡头调〔2026〕999号", password="1")

    with pytest.raises(services.EnquiryLocked):
        services.lookup(operator=window_clerk, number=case.number, password=password)


def test_wrong_passwords_are_limited_per_case_whoever_asks(referred, settings):
    settings.ENQUIRY_MAX_FAILURES_PER_CASE_PER_HOUR = 2
    case, password = referred
    operators = [make_staff(f"op{n}", Role.WINDOW_CLERK, "window-440804") for n in range(3)]
    services.lookup(operator=operators[0], number=case.number, password="wrong")
    services.lookup(operator=operators[1], number=case.number, password="wrong")

    # Locked: even the right password answers like a wrong one until the hour is over.
    assert services.lookup(operator=operators[2], number=case.number, password=password) is None


def test_the_lookup_page_is_only_for_operators(client, mediator):
    client.force_login(mediator)

    assert client.get(PAGE).status_code == 403


def test_a_mediator_may_not_issue_a_password_for_another_county_s_case(
    client, other_town_mediator, referred
):
    case, _password = referred
    client.force_login(other_town_mediator)

    assert client.post(f"/enquiries/cases/{case.pk}/password/").status_code == 404


def test_the_api_answers_like_the_page(window_clerk, referred):
    from rest_framework.test import APIClient

    case, password = referred
    api = APIClient()
    api.force_authenticate(window_clerk)

    right = api.post("/api/v1/enquiries/12368/", {"number": case.number, "password": password})
    wrong = api.post("/api/v1/enquiries/12368/", {"number": case.number, "password": "x"})
    unknown = api.post("/api/v1/enquiries/12368/", {"number": "无此编号", "password": "x"})

    assert right.status_code == 200
    assert right.json()["handler"] == "坡头区中心道路交通事故调解工作室"
    assert (wrong.status_code, wrong.json()) == (unknown.status_code, unknown.json())
    assert EnquiryLog.objects.count() == 3
