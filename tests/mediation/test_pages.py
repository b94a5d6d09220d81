from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.models import Case, CaseStatus
from mediation import services
from mediation.models import Agreement, MediationSession
from tests.cases.factories import a_case
from tests.conftest import org
from tests.mediation.factories import a_mediator, category, in_mediation, tomorrow_at

pytestmark = pytest.mark.django_db

ROOM = "room-440804-family"


@pytest.fixture
def chen(db):
    return a_mediator("chen", ROOM)


def routed_family_case():
    return services.route_case(
        case=a_case(category=category("marriage_family"), claim_amount=Decimal("80000"))
    )


def test_the_case_page_says_which_rule_sent_it_where(client, chen):
    case = routed_family_case()
    client.force_login(chen)
    page = client.get(f"/mediation/cases/{case.pk}/").content.decode()
    assert "较大婚姻家庭纠纷交县级中心婚姻家庭工作室" in page
    assert "受理此案" in page


def test_accepting_on_the_page_confirms_and_offers_the_next_step(client, chen):
    case = routed_family_case()
    client.force_login(chen)
    response = client.post(f"/mediation/cases/{case.pk}/accept/", follow=True)
    assert "已受理。下一步：安排调解。" in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == CaseStatus.ACCEPTED


def test_a_refused_booking_keeps_what_was_typed_and_says_why(client, chen):
    first, second = in_mediation(chen), in_mediation(chen)
    room = org(ROOM)
    services.schedule_session(
        case=first, actor=chen, starts_at=tomorrow_at(9), ends_at=tomorrow_at(10), room=room
    )
    client.force_login(chen)
    response = client.post(
        f"/mediation/cases/{second.pk}/session/",
        {
            "starts_at": tomorrow_at(9).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": tomorrow_at(10).strftime("%Y-%m-%dT%H:%M"),
            "room": room.pk,
            "place": "备用：村委会",
        },
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "已被预约" in page
    assert "备用：村委会" in page
    assert not MediationSession.objects.filter(case=second, status="scheduled").exists()


def test_an_agreement_form_with_a_negative_amount_is_refused_and_keeps_the_input(client, chen):
    case = in_mediation(chen)
    client.force_login(chen)
    response = client.post(
        f"/mediation/cases/{case.pk}/agreement/",
        {
            "kind": "written",
            "facts": "夫妻共同财产分割争议",
            "terms-TOTAL_FORMS": "3",
            "terms-INITIAL_FORMS": "0",
            "terms-0-obligor": "林某",
            "terms-0-action": "支付补偿款",
            "terms-0-amount": "-100",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "金额不能小于 0" in page
    assert "夫妻共同财产分割争议" in page
    assert not Agreement.objects.exists()


@pytest.mark.usefixtures("file_storage")
def test_a_written_agreement_recorded_on_the_page_offers_the_pdf_and_takes_the_signed_copy(
    client, chen
):
    case = in_mediation(chen)
    client.force_login(chen)
    response = client.post(
        f"/mediation/cases/{case.pk}/agreement/",
        {
            "kind": "written",
            "facts": "夫妻共同财产分割争议",
            "terms-TOTAL_FORMS": "3",
            "terms-INITIAL_FORMS": "0",
            "terms-0-obligor": "林某",
            "terms-0-action": "支付补偿款",
            "terms-0-amount": "100",
        },
        follow=True,
    )
    assert "下载人民调解协议书" in response.content.decode()
    fake = SimpleUploadedFile("signed.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    refused = client.post(f"/mediation/cases/{case.pk}/signed-copy/", {"file": fake})
    assert refused.status_code == 400
    assert "只能上传 PDF、JPG 或 PNG" in refused.content.decode()
    assert Agreement.objects.get(case=case).signed_copy == ""
    png = io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    upload = SimpleUploadedFile("scan.png", png.getvalue(), "image/png")
    client.post(f"/mediation/cases/{case.pk}/signed-copy/", {"file": upload})
    assert Agreement.objects.get(case=case).signed_copy.endswith(".png")
    signed = client.get(f"/mediation/cases/{case.pk}/documents/signed/")
    assert b"".join(signed.streaming_content) == png.getvalue()


@pytest.mark.usefixtures("object_storage_unreachable")
def test_a_signed_copy_sent_while_object_storage_is_unreachable_is_refused_and_not_recorded(
    client, chen
):
    case = in_mediation(chen)
    services.record_agreement(
        case=case, actor=chen, kind="oral", facts="赡养费", terms=[], text="每月给付 500 元"
    )
    client.force_login(chen)
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    upload = SimpleUploadedFile("scan.png", png, "image/png")

    response = client.post(f"/mediation/cases/{case.pk}/signed-copy/", {"file": upload})

    assert response.status_code == 400
    assert "文件存储暂时无法访问" in response.content.decode()
    assert Agreement.objects.get(case=case).signed_copy == ""
    assert not case.events.filter(kind="signed_agreement_uploaded").exists()


def test_the_desk_shows_waiting_cases_and_todays_sessions(
    client, chen, django_assert_max_num_queries
):
    case = routed_family_case()
    client.force_login(chen)
    with django_assert_max_num_queries(12):
        page = client.get("/mediation/desk/").content.decode()
    assert case.number in page


def test_the_board_shows_loads_and_workrooms_with_bounded_queries(
    client, chen, supervisor, django_assert_max_num_queries
):
    for _ in range(3):
        routed_family_case()
    client.force_login(supervisor)
    with django_assert_max_num_queries(16):
        page = client.get("/mediation/board/").content.decode()
    assert "婚姻家庭纠纷调解工作室" in page
    assert "调解员在办案件" in page


def test_a_county_board_lists_the_busiest_rooms_first_and_at_most_forty(client, supervisor):
    from accounts.models import Organisation

    committees = list(
        Organisation.objects.filter(
            kind="village_mediation_committee", code__startswith="pmc-440804"
        ).order_by("code")[:41]
    )
    assert len(committees) == 41
    for n, committee in enumerate(committees):
        a_mediator(f"vm{n}", committee.code, open_cases=1)
    busiest = committees[-1]
    a_mediator("vm-busy", busiest.code, open_cases=9)
    client.force_login(supervisor)

    rooms = client.get("/api/v1/mediation/board/").json()["workrooms"]
    page = client.get("/mediation/board/").content.decode()

    assert len(rooms) == 40
    assert rooms[0]["name"] == busiest.name
    assert rooms[0]["open_cases"] == 10
    assert busiest.name in page


def test_the_room_calendar_shows_bookings(client, chen):
    case = in_mediation(chen)
    room = org(ROOM)
    services.schedule_session(
        case=case, actor=chen, starts_at=tomorrow_at(14), ends_at=tomorrow_at(15), room=room
    )
    client.force_login(chen)
    page = client.get(f"/mediation/rooms/{room.pk}/calendar/").content.decode()
    assert case.number in page
    assert "14:00" in page


def test_another_countys_room_calendar_is_404(client, other_town_mediator):
    client.force_login(other_town_mediator)
    assert client.get(f"/mediation/rooms/{org(ROOM).pk}/calendar/").status_code == 404


def test_the_desk_panel_appears_on_the_staff_desk(client, chen):
    routed_family_case()
    client.force_login(chen)
    page = client.get("/desk/").content.decode()
    assert "打开调解工作台" in page


def test_the_public_status_names_the_organisation_mediator_and_next_session(chen):
    from mediation.public import public_status

    case = in_mediation(chen)
    services.schedule_session(
        case=case, actor=chen, starts_at=tomorrow_at(9), ends_at=tomorrow_at(10), room=org(ROOM)
    )
    status = public_status(Case.objects.get(pk=case.pk))
    assert status["organisation_name"] == org(ROOM).name
    assert status["mediator_name"] == "C调解员"
    assert status["next_session_at"] == tomorrow_at(9)
