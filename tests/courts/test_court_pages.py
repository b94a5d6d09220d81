"""The clerk's, the bureau officer's and the 12368 pages, through HTTP."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cases.services import transition
from courts.models import PreLitigationCase
from tests.conftest import org
from transfers.models import Transfer
from transfers.services import deliver_transfer

from .helpers import URL, court_client, push_payload

pytestmark = pytest.mark.django_db
NUMBER = "（2026）粤0804民诉前调12号"


def form_data(**overrides) -> dict:
    data = {
        "court": org("court-0804").pk,
        "court_case_number": NUMBER,
        "cause_of_action": "民间借贷纠纷",
        "claim_amount": "30000",
        "description": "借款三万元到期未还。",
        "applicant_name": "陈某",
        "applicant_phone": "138 1234 5678",
        "respondent_name": "林某",
        "respondent_phone": "",
    }
    data.update(overrides)
    return data


def test_a_clerk_registers_a_case_and_is_shown_the_enquiry_password(client, court_clerk):
    client.force_login(court_clerk)

    response = client.post("/courts/pre-litigation/new/", form_data(), follow=True)

    page = response.content.decode()
    plc = PreLitigationCase.objects.get()
    assert "12368查询密码" in page
    assert plc.court_case_number in page
    assert plc.case.parties.get(side="applicant").phone == "13812345678"
    assert Transfer.objects.get().kind == "delegate_pre_litigation"


def test_a_rejected_form_keeps_what_the_clerk_typed(client, court_clerk):
    client.force_login(court_clerk)

    response = client.post(
        "/courts/pre-litigation/new/", form_data(court_case_number="（2026）粤0804民初12号")
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "错误" in page
    assert "借款三万元到期未还。" in page
    assert not PreLitigationCase.objects.exists()


def test_only_a_court_clerk_may_register(client, bureau_officer):
    client.force_login(bureau_officer)

    assert client.get("/courts/pre-litigation/new/").status_code == 403


def test_the_bureau_officer_dispatches_from_the_inbox(client, bureau_officer):
    body = court_client().post(URL, push_payload(), format="json").json()
    transfer = Transfer.objects.get()
    deliver_transfer(transfer.pk)
    client.force_login(bureau_officer)

    inbox = client.get("/transfers/").content.decode()
    assert f"/courts/dispatch/{transfer.pk}/" in inbox
    response = client.post(
        f"/courts/dispatch/{transfer.pk}/", {"target": org("pmc-440804104").pk}, follow=True
    )

    assert "已接收并分派" in response.content.decode()
    assert PreLitigationCase.objects.get(pk=body["id"]).status == "dispatched"


def test_the_dispatch_page_of_another_county_is_404(client, bureau_officer):
    payload = push_payload("（2026）粤0882民诉前调1号", court_code="粤0882")
    court_client("court-0882").post(URL, payload, format="json")
    transfer = Transfer.objects.get()
    deliver_transfer(transfer.pk)
    client.force_login(bureau_officer)

    assert client.get(f"/courts/dispatch/{transfer.pk}/").status_code == 404


def test_the_clerk_records_the_filing_after_failure_on_the_case_page(
    client, court_clerk, bureau_officer
):
    court_client().post(URL, push_payload(claim_amount="800000"), format="json")
    plc = PreLitigationCase.objects.get()
    deliver_transfer(Transfer.objects.get().pk)
    from courts.services import dispatch_pre_litigation

    dispatch_pre_litigation(
        plc, transfer=Transfer.objects.get(), target=org("pmc-440804104"), actor=bureau_officer
    )
    transition(
        plc.case, to="failed", allowed_from=["routed"], actor=None, kind="f", text="调解不成"
    )
    client.force_login(court_clerk)

    client.post(f"/courts/pre-litigation/{plc.pk}/filing/", {"number": "（2026）粤0804民初9号"})
    page = client.get(f"/courts/pre-litigation/{plc.pk}/").content.decode()

    assert "（2026）粤0804民初9号" in page
    assert "简案（速裁团队）" in page  # 民间借贷纠纷 is on the simple track


def test_another_courts_clerk_cannot_open_the_case(client):
    from accounts.models import Role
    from tests.conftest import make_staff

    court_client().post(URL, push_payload(), format="json")
    plc = PreLitigationCase.objects.get()
    client.force_login(make_staff("clerk_xiashan", Role.COURT_CLERK, "court-0803"))

    assert client.get(f"/courts/pre-litigation/{plc.pk}/").status_code == 404
    assert client.post(f"/courts/pre-litigation/{plc.pk}/extend/", {"days": 5}).status_code == 404


def test_the_12368_page_reads_the_status_only_with_the_right_password(client, court_clerk):
    password = court_client().post(URL, push_payload(), format="json").json()["enquiry_password"]
    client.force_login(court_clerk)

    wrong = client.post("/courts/12368/", {"number": NUMBER, "password": "000000"}).content
    right = client.post(
        "/courts/12368/", {"number": "(2026)粤0804民诉前调12号", "password": password}
    ).content

    assert "案号或查询密码不正确" in wrong.decode()
    assert "已委派，待司法局接收" not in wrong.decode()
    assert "已委派，待司法局接收" in right.decode()


def test_the_dashboard_shows_counts_overdue_and_yearly_figures(
    client, court_clerk, bureau_officer, django_assert_max_num_queries
):
    client_api = court_client()
    for n in range(1, 4):
        client_api.post(URL, push_payload(f"（2026）粤0804民诉前调{n}号"), format="json")
    first = PreLitigationCase.objects.order_by("pk").first()
    PreLitigationCase.objects.filter(pk=first.pk).update(
        due_at=timezone.now() - dt.timedelta(days=1)
    )
    client.force_login(court_clerk)

    with django_assert_max_num_queries(20):
        response = client.get("/courts/pre-litigation/?cause=民间借贷纠纷")

    page = response.content.decode()
    assert response.status_code == 200
    assert "已超期" in page
    assert "（2026）粤0804民诉前调1号" in page
    assert response.context["figures"]["overdue"] == 1
    assert response.context["figures"]["counts"][0]["n"] == 3


def test_the_dashboard_filters_by_court_cause_and_organisation(client, court_clerk):
    court_client().post(URL, push_payload(), format="json")
    client.force_login(court_clerk)

    other_cause = client.get("/courts/pre-litigation/?cause=离婚纠纷")

    assert other_cause.context["figures"]["counts"][0]["n"] == 0
    # A filter that is not one of the choices is refused, saying why, not silently ignored.
    refused = client.get("/courts/pre-litigation/?court=abc")
    assert refused.status_code == 400
    assert refused.context["form"].errors["court"]


def test_the_12368_page_stops_guessing_after_too_many_wrong_passwords(
    client, court_clerk, settings
):
    settings.ENQUIRY_MAX_FAILURES_PER_HOUR = 3
    password = court_client().post(URL, push_payload(), format="json").json()["enquiry_password"]
    client.force_login(court_clerk)
    for _ in range(3):
        client.post("/courts/12368/", {"number": NUMBER, "password": "000000"})

    response = client.post("/courts/12368/", {"number": NUMBER, "password": password})

    assert "查询失败次数过多" in response.content.decode()
    assert "已委派，待司法局接收" not in response.content.decode()


def test_the_clerk_extends_the_clock_with_both_parties_and_a_supervisors_approval(client):
    from accounts.models import Role
    from deadlines.models import Deadline
    from tests.conftest import make_staff

    clerk = make_staff("clerk_ext", Role.COURT_CLERK, "court-0804")
    approver = make_staff("bureau_head", Role.CENTRE_SUPERVISOR, "bureau-440804")
    response = court_client().post(URL, push_payload(), format="json")
    plc = PreLitigationCase.objects.get(pk=response.json()["id"])
    clock = Deadline.objects.get(case=plc.case, kind="pre_litigation")
    client.force_login(clerk)

    page = client.get(f"/courts/pre-litigation/{plc.pk}/")
    assert "bureau_head" in page.content.decode()  # offered as the approver
    done = client.post(
        f"/courts/pre-litigation/{plc.pk}/extend/",
        {"days": 7, "both_parties_agree": "on", "approved_by": approver.pk, "reason": "补充证据"},
        follow=True,
    )

    assert "已延长调解期限" in done.content.decode()
    assert Deadline.objects.get(pk=clock.pk).due_date == clock.due_date + dt.timedelta(days=7)
    assert "已延长7天" in done.content.decode()


def test_the_bureaus_case_page_shows_the_court_number_and_days_left(client, bureau_officer):
    response = court_client().post(URL, push_payload(), format="json")
    plc = PreLitigationCase.objects.get(pk=response.json()["id"])
    client.force_login(bureau_officer)

    page = client.get(f"/cases/{plc.case_id}/").content.decode()

    assert "法院诉前调解" in page
    assert "（2026）粤0804民诉前调12号" in page
    assert f"剩{plc.days_left}天" in page
    # The delegation is in the transfers panel, from the court to the bureau.
    assert "湛江市坡头区人民法院 → 湛江市坡头区司法局" in page


def test_someone_who_may_open_the_court_case_gets_a_link_to_it_from_the_case_page(client):
    from accounts.models import Role
    from tests.conftest import make_staff

    admin = make_staff("admin_all", Role.ADMINISTRATOR, "plc-city")
    response = court_client().post(URL, push_payload(), format="json")
    plc = PreLitigationCase.objects.get(pk=response.json()["id"])
    client.force_login(admin)

    page = client.get(f"/cases/{plc.case_id}/").content.decode()

    assert f'href="/courts/pre-litigation/{plc.pk}/"' in page
