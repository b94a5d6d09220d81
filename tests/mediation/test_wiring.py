"""Mediation as the other areas see it: public tracking, the staff case page, the calendar
feed, texts to the parties, referrals as transfers and the court's pre-litigation loop."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from mediation import services
from tests.conftest import org
from tests.mediation.factories import a_mediator, an_accepted_case, tomorrow_at

pytestmark = pytest.mark.django_db

ROOM = "room-440804-family"


@pytest.fixture
def chen(db):
    user = a_mediator("chen", ROOM, specialities=["marriage_family"])
    user.last_name = "陈"
    user.save(update_fields=["last_name"])
    return user


def a_case_with_a_session(mediator):
    case = an_accepted_case(mediator)
    session = services.schedule_session(
        case=case,
        actor=mediator,
        starts_at=tomorrow_at(9),
        ends_at=tomorrow_at(10, 30),
        room=org(ROOM),
    )
    return case, session


# Public tracking ---------------------------------------------------------------------------


def test_the_tracking_page_shows_who_mediates_and_when_the_next_session_is(client, chen):
    case, _session = a_case_with_a_session(chen)
    response = client.get("/disputes/track/", {"number": case.number, "code": case.tracking_code})
    page = response.content.decode()
    assert response.status_code == 200
    assert "调解进展" in page
    assert org(ROOM).name in page
    assert "陈调解员" in page
    when = dt.datetime.combine(tomorrow_at(9).date(), dt.time(9))
    assert f"{when.year}年{when.month}月{when.day}日 09:00" in page


def test_the_tracking_panel_never_shows_the_mediators_contacts(client, chen):
    chen.first_name, chen.email = "建国", "chen@example.cn"
    chen.save()
    case, _session = a_case_with_a_session(chen)
    response = client.get(f"/api/v1/public/disputes/{case.number}/", {"code": case.tracking_code})
    assert response.json()["mediation"]["mediator_name"] == "陈调解员"
    assert "chen@example.cn" not in response.content.decode()


def test_the_tracking_api_adds_mediation_beside_its_usual_fields(client, chen):
    case, _session = a_case_with_a_session(chen)
    response = client.get(f"/api/v1/public/disputes/{case.number}/", {"code": case.tracking_code})
    body = response.json()
    assert response.status_code == 200
    assert {
        "number",
        "status",
        "status_name",
        "category",
        "category_name",
        "filed_at",
        "events",
    } < set(body)
    assert body["status"] == "accepted"
    assert body["mediation"]["organisation_name"] == org(ROOM).name
    assert body["mediation"]["mediator_name"] == "陈调解员"
    assert body["mediation"]["next_session_place"] == org(ROOM).name
    assert body["mediation"]["next_session_at"].startswith(tomorrow_at(9).date().isoformat())


def test_a_case_without_a_mediator_yet_says_it_is_being_arranged(client):
    from tests.cases.factories import a_case

    case = a_case()
    page = client.get(
        "/disputes/track/", {"number": case.number, "code": case.tracking_code}
    ).content.decode()
    assert "正在安排" in page
    assert "尚未安排，安排后会通知您" in page


# The staff case page ---------------------------------------------------------------------------


def test_the_staff_case_page_says_which_rule_routed_the_case_who_mediates_and_when(client, chen):
    case, _session = a_case_with_a_session(chen)
    file = case.mediation_file
    file.refresh_from_db()
    client.force_login(chen)
    response = client.get(f"/cases/{case.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert file.rule is not None
    assert file.routing_reason in page
    assert file.rule.name in page
    assert "陈" in page.split('id="mediation-panel-title"')[1].split("</section>")[0]
    when = tomorrow_at(9)
    assert f"{when.year}年{when.month}月{when.day}日 09:00" in page
    assert f'href="/mediation/cases/{case.pk}/"' in page


def test_the_staff_case_page_of_an_unrouted_case_says_so(client, window_clerk):
    from tests.cases.factories import a_case

    case = a_case(organisation=org("window-440804"))
    client.force_login(window_clerk)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "尚未分派" in page
    assert "尚未分配" in page


# The calendar feed ------------------------------------------------------------------------------


def test_a_scheduled_session_is_in_the_mediators_calendar_feed(client, chen):
    case, session = a_case_with_a_session(chen)
    client.force_login(chen)
    client.post("/deadlines/calendar/token/")
    client.logout()
    body = client.get(f"/deadlines/calendar/{chen.calendar_token.token}.ics").content.decode()
    unfolded = body.replace("\r\n ", "")
    assert f"UID:mediation-session-{session.pk}@zhanjiang-portal" in unfolded
    assert f"SUMMARY:【调解】{case.number} {org(ROOM).name}" in unfolded
    start = session.starts_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert f"DTSTART:{start}" in unfolded
    assert "陈某" not in unfolded


def test_a_cancelled_or_someone_elses_session_is_not_in_my_feed(client, chen):
    from mediation.models import MediationSession

    _case, session = a_case_with_a_session(chen)
    MediationSession.objects.filter(pk=session.pk).update(status="cancelled")
    other = a_mediator("other", ROOM)
    for user in (chen, other):
        client.force_login(user)
        client.post("/deadlines/calendar/token/")
        user.refresh_from_db()
        body = client.get(f"/deadlines/calendar/{user.calendar_token.token}.ics").content
        assert b"mediation-session-" not in body


# Texts to the parties ------------------------------------------------------------------------


def test_scheduling_a_session_texts_each_party_and_the_timeline_says_so_without_numbers(
    client, chen
):
    from notifications.models import OutboundMessage

    case, _session = a_case_with_a_session(chen)
    messages = OutboundMessage.objects.filter(kind="session_scheduled").order_by("to")
    assert [m.to for m in messages] == ["13812345678", "13987654321"]
    when = tomorrow_at(9)
    assert f"定于{when.month}月{when.day}日09:00在{org(ROOM).name}调解" in messages[0].body
    body = client.get(
        f"/api/v1/public/disputes/{case.number}/", {"code": case.tracking_code}
    ).content.decode()
    # The public timeline says what was texted, in its own words: no names, no numbers.
    assert body.count("已短信通知当事人调解时间和地点。") == 2
    assert "林某" not in body
    assert "13812345678" not in body
    assert "13987654321" not in body


def test_a_party_without_a_mobile_number_is_not_texted(chen):
    from cases.models import Party
    from notifications.models import OutboundMessage

    case = an_accepted_case(chen)
    Party.objects.filter(case=case, side="respondent").update(phone="")
    services.schedule_session(
        case=case, actor=chen, starts_at=tomorrow_at(14), ends_at=tomorrow_at(15), place="村委会"
    )
    texts = OutboundMessage.objects.filter(kind="session_scheduled")
    assert list(texts.values_list("to", flat=True)) == ["13812345678"]


# A refusal to accept and a termination are texted as notices of their own
# (tests/documents/test_papers.py).
DECISIONS = [
    lambda case, chen: services.fail(case=case, actor=chen, reason="分歧过大"),
    lambda case, chen: services.record_agreement(
        case=case,
        actor=chen,
        kind="oral",
        facts="邻里通道纠纷",
        terms=[],
        text="拆除围墙",
        on_the_spot_reason="当场调解",
    ),
]


@pytest.mark.parametrize("decide", DECISIONS, ids=["failure", "agreement"])
def test_a_decision_texts_each_party_once(client, chen, decide):
    from notifications.models import OutboundMessage

    case = an_accepted_case(chen)
    case = services.start_mediation(case=case, actor=chen)
    decide(case, chen)
    messages = OutboundMessage.objects.filter(kind="decision_made")
    assert sorted(m.to for m in messages) == ["13812345678", "13987654321"]
    assert all("已有处理结果，请凭查询码查看" in m.body for m in messages)
    page = client.get(
        "/disputes/track/", {"number": case.number, "code": case.tracking_code}
    ).content.decode()
    assert page.count("已短信通知当事人处理结果。") == 2
    assert "13812345678" not in page


def test_a_session_that_cannot_be_booked_texts_no_one(chen):
    from notifications.models import OutboundMessage

    case, _session = a_case_with_a_session(chen)
    before = OutboundMessage.objects.count()
    with pytest.raises(services.MediationRefused):
        services.schedule_session(
            case=case,
            actor=chen,
            starts_at=tomorrow_at(9, 30),
            ends_at=tomorrow_at(10),
            room=org(ROOM),
        )
    assert OutboundMessage.objects.count() == before


# Referral onward and escalation as transfers ------------------------------------------------------


def a_failed_case(mediator):
    case = services.start_mediation(case=an_accepted_case(mediator), actor=mediator)
    return services.fail(case=case, actor=mediator, reason="双方分歧过大")


@pytest.mark.parametrize(
    ("referral", "kind", "receiver"),
    [
        ("legal_aid", "refer_legal_aid", "legalaid-440804"),
        ("labour_arbitration", "refer_labour_arbitration", "arbitration-440804"),
        ("petition", "refer_petition", "petition-440804"),
    ],
)
def test_a_referral_with_consent_hands_the_case_to_the_countys_organisation(
    client, chen, referral, kind, receiver
):
    from transfers.models import Transfer

    case = a_failed_case(chen)
    client.force_login(chen)
    response = client.post(
        f"/api/v1/mediation/cases/{case.pk}/refer/",
        {"referral": referral, "note": "经济困难", "has_consent": True, "consent_note": "当面签字"},
        content_type="application/json",
    )
    assert response.status_code == 200
    transfer = Transfer.objects.get(case=case)
    assert (transfer.kind, transfer.to_organisation.code) == (kind, receiver)
    assert transfer.from_organisation == org(ROOM)
    assert transfer.has_consent
    assert transfer.consent_note == "当面签字"
    assert case.events.filter(kind="referred").exists()
    assert case.events.filter(kind="transfer_created").exists()


def test_a_referral_without_consent_is_refused_in_chinese_and_changes_nothing(client, chen):
    from mediation.models import MediationFile
    from transfers.models import Transfer

    case = a_failed_case(chen)
    client.force_login(chen)
    response = client.post(
        f"/api/v1/mediation/cases/{case.pk}/refer/",
        {"referral": "legal_aid", "note": "经济困难"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "当事人未同意" in response.json()["has_consent"][0]
    assert not Transfer.objects.filter(case=case).exists()
    assert not case.events.filter(kind="referred").exists()
    assert MediationFile.objects.get(case=case).referral == ""


def test_the_refer_form_without_consent_keeps_what_was_typed_and_says_why(client, chen):
    case = a_failed_case(chen)
    client.force_login(chen)
    response = client.post(
        f"/mediation/cases/{case.pk}/refer/", {"referral": "petition", "note": "要求上访"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "当事人未同意向接收机构提供其信息" in page
    assert "要求上访" in page


def test_a_referral_to_court_names_the_court_and_hands_nothing_off(chen):
    from transfers.models import Transfer

    case = a_failed_case(chen)
    services.refer(case=case, actor=chen, referral="court")
    event = case.events.get(kind="referred")
    assert "人民法院" in event.text
    assert not Transfer.objects.filter(case=case).exists()


def test_an_escalation_is_a_transfer_to_the_next_level_in_the_same_step(client):
    from tests.cases.factories import GAOLING, a_case
    from tests.mediation.factories import category
    from transfers.models import Transfer

    village_mediator = a_mediator("village", f"pmc-{GAOLING}")
    a_mediator("town", f"pmc-{GAOLING[:9]}")
    case = services.route_case(case=a_case(category=category("housing_homestead")))
    client.force_login(village_mediator)
    refused = client.post(
        f"/api/v1/mediation/cases/{case.pk}/escalate/",
        {"reason": "涉及两村边界"},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert "当事人未同意" in refused.json()["has_consent"][0]
    case.refresh_from_db()
    assert case.organisation == org(f"pmc-{GAOLING}")
    response = client.post(
        f"/api/v1/mediation/cases/{case.pk}/escalate/",
        {"reason": "涉及两村边界", "has_consent": True},
        content_type="application/json",
    )
    assert response.status_code == 200
    transfer = Transfer.objects.get(case=case)
    assert transfer.kind == "escalate"
    assert (transfer.from_organisation.code, transfer.to_organisation.code) == (
        f"pmc-{GAOLING}",
        f"pmc-{GAOLING[:9]}",
    )
    case.refresh_from_db()
    assert case.organisation == org(f"pmc-{GAOLING[:9]}")


# The court's pre-litigation loop --------------------------------------------------------------------


def test_a_court_delegated_case_agreed_in_mediation_goes_back_to_the_court_with_its_text(
    client, bureau_officer
):
    from courts import services as courts
    from courts.models import PreLitigationCase
    from tests.courts.helpers import URL, court_client, push_payload
    from transfers.models import Transfer
    from transfers.services import deliver_transfer

    # Given a court's push, delivered to the county bureau and dispatched to a town committee
    body = court_client().post(URL, push_payload(), format="json").json()
    plc = PreLitigationCase.objects.get(pk=body["id"])
    delegation = Transfer.objects.get(case=plc.case, kind="delegate_pre_litigation")
    deliver_transfer(delegation.pk)
    delegation.refresh_from_db()
    mediator = a_mediator("town", "pmc-440804104")
    courts.dispatch_pre_litigation(
        plc, transfer=delegation, target=org("pmc-440804104"), actor=bureau_officer
    )
    client.force_login(mediator)
    case_url = f"/api/v1/mediation/cases/{plc.case_id}/"

    # When the committee's mediator accepts, mediates and records the agreement
    assert client.post(f"{case_url}accept/").status_code == 200
    assert client.post(f"{case_url}start/").status_code == 200
    due = timezone.localdate() + dt.timedelta(days=20)
    response = client.post(
        f"{case_url}agreement/",
        {
            "kind": "written",
            "facts": "借款三万元到期未还。",
            "terms": [
                {
                    "obligor": "林某",
                    "action": "向陈某归还借款",
                    "amount": "30000",
                    "due_date": str(due),
                }
            ],
            "text": "双方再无其他争议",
            "on_the_spot_reason": "双方到镇司法所当场调解，达成一致。",
            "judicial_confirmation": True,
        },
        content_type="application/json",
    )
    assert response.status_code == 201

    # Then the court gets the result back as a transfer with the agreement's text
    returned = Transfer.objects.get(case=plc.case, kind="return_result")
    assert returned.to_organisation == org("court-0804")
    expected = f"林某向陈某归还借款30,000.00元，{due.year}年{due.month}月{due.day}日前履行；双方再无其他争议。"
    assert returned.payload["agreement"] == expected
    assert returned.payload["judicial_confirmation"] is True
    plc.refresh_from_db()
    assert (plc.status, plc.agreement, plc.success_route) == (
        "success",
        expected,
        "judicial_confirmation",
    )
    assert plc.case.events.filter(kind="judicial_confirmation_requested").exists()


# The mediation clock on the board follows the deadline ---------------------------------------------


def overdue_on_board(client, supervisor) -> list[int]:
    client.force_login(supervisor)
    return [row["case"] for row in client.get("/api/v1/mediation/board/").json()["overdue"]]


def test_a_paused_clock_is_not_overdue_on_the_board_and_resuming_moves_its_due_date(
    client, chen, supervisor
):
    from deadlines import services as deadlines
    from deadlines.models import Deadline
    from mediation.models import MediationFile

    case = an_accepted_case(chen)
    clock = Deadline.objects.get(case=case, kind="people_mediation")
    past = timezone.now() - dt.timedelta(days=2)
    Deadline.objects.filter(pk=clock.pk).update(due_at=past)
    MediationFile.objects.filter(case=case).update(mediation_due_at=past)
    assert overdue_on_board(client, supervisor) == [case.pk]

    deadlines.pause_deadline(clock, reason="等待当事人补充材料", actor=chen)
    assert overdue_on_board(client, supervisor) == []

    deadlines.resume_deadline(clock, actor=chen)
    clock.refresh_from_db()
    assert MediationFile.objects.get(case=case).mediation_due_at == clock.due_at


def test_an_extended_clock_moves_the_boards_due_date(client, chen, supervisor):
    from deadlines import services as deadlines
    from deadlines.models import Deadline
    from mediation.models import MediationFile

    case = an_accepted_case(chen)
    clock = Deadline.objects.select_related("rule").get(case=case, kind="people_mediation")
    type(clock.rule).objects.filter(pk=clock.rule_id).update(max_extension=1)
    clock.refresh_from_db()
    new_day = clock.due_date + dt.timedelta(days=10)
    deadlines.extend_deadline(
        clock, new_due_date=new_day, reason="双方同意延长", approved_by=supervisor, actor=supervisor
    )
    due = MediationFile.objects.get(case=case).mediation_due_at
    assert timezone.localtime(due).date() == new_day


def test_the_escalate_form_without_consent_keeps_the_reason_and_says_why(client):
    from tests.cases.factories import GAOLING, a_case
    from tests.mediation.factories import category

    village_mediator = a_mediator("village", f"pmc-{GAOLING}")
    case = services.route_case(case=a_case(category=category("housing_homestead")))
    client.force_login(village_mediator)
    response = client.post(
        f"/mediation/cases/{case.pk}/escalate/", {"escalate-reason": "涉及两村边界"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "当事人未同意向接收机构提供其信息" in page
    assert "涉及两村边界" in page
    done = client.post(
        f"/mediation/cases/{case.pk}/escalate/",
        {"escalate-reason": "涉及两村边界", "escalate-has_consent": "on"},
    )
    assert (done.status_code, done["Location"]) == (302, "/mediation/desk/")
    assert "已向其发出移送" in client.get(done["Location"]).content.decode()
