"""Legal aid with its neighbours: a mediator's referral landing in the officer's queue, the
labour arbitration committee, lawyers reading case files online, and the staff API."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfReader
from reportlab.pdfgen import canvas

from accounts.verbs import ActionRefused
from cases.evidence import add_evidence
from deadlines.models import Deadline
from legal_aid import files, services
from legal_aid.models import (
    Application,
    ApplicationStatus,
    ArbitrationStatus,
    FileAccessLog,
    MatterType,
)
from mediation import services as mediation
from tests.conftest import org
from tests.mediation.factories import a_mediator, in_mediation
from transfers.models import Transfer, TransferKind
from transfers.services import accept_transfer, deliver_transfer

from .helpers import an_application, in_progress

pytestmark = pytest.mark.django_db
S = ApplicationStatus


@pytest.fixture
def chen(db):
    return a_mediator("chen", "room-440804-family", specialities=["marriage_family"])


def referred_and_accepted(mediator, officer) -> Transfer:
    case = mediation.fail(case=in_mediation(mediator), actor=mediator, reason="对方拒不到场")
    mediation.refer(case=case, actor=mediator, referral="legal_aid", has_consent=True)
    transfer = Transfer.objects.get(case=case, kind=TransferKind.REFER_LEGAL_AID)
    deliver_transfer(transfer.pk)
    transfer.refresh_from_db()
    return accept_transfer(transfer, actor=officer)


def test_an_accepted_referral_lands_in_the_officers_queue_with_the_cases_parties(
    chen, officer, client
):
    transfer = referred_and_accepted(chen, officer)

    application = Application.objects.get(referral_transfer=transfer)
    assert application.status == S.REFERRED
    assert application.source_case == transfer.case
    assert application.centre == org("legalaid-440804")
    assert application.matter_type == MatterType.MAINTENANCE
    source_names = sorted(transfer.case.parties.values_list("name", flat=True))
    assert sorted(application.case.parties.values_list("name", flat=True)) == source_names
    client.force_login(officer)
    desk = client.get("/legal-aid/")
    assert application.case.number in desk.content.decode()


def test_the_officer_reads_the_referred_case_through_the_application(chen, officer, client):
    transfer = referred_and_accepted(chen, officer)
    application = Application.objects.get(referral_transfer=transfer)
    client.force_login(officer)

    page = client.get(f"/legal-aid/applications/{application.pk}/")
    direct = client.get(f"/cases/{transfer.case.pk}/")

    assert page.status_code == 200
    assert transfer.case.number in page.content.decode()
    assert transfer.case.description in page.content.decode()
    assert direct.status_code == 404


def test_accepting_a_referral_twice_does_not_open_two_applications(chen, officer):
    transfer = referred_and_accepted(chen, officer)

    services.land_referral(transfer, officer)

    assert Application.objects.filter(source_case=transfer.case).count() == 1


def test_a_wage_claim_goes_to_the_labour_arbitration_committee_with_its_clocks(
    officer, lawyer, arbitration_clerk
):
    application = in_progress(officer, lawyer)

    link = services.refer_arbitration(application, actor=lawyer, note="欠薪4.6万元")

    assert link.committee == org("arbitration-440804")
    assert link.transfer.kind == TransferKind.REFER_LABOUR_ARBITRATION
    assert Deadline.objects.filter(
        case=application.case, kind=services.ARBITRATION_ACCEPTANCE, met_at=None
    ).exists()
    deliver_transfer(link.transfer_id)
    link.transfer.refresh_from_db()
    accept_transfer(link.transfer, actor=arbitration_clerk)
    link.refresh_from_db()
    assert link.status == ArbitrationStatus.ACCEPTED
    award_clock = Deadline.objects.get(case=application.case, kind=services.ARBITRATION_AWARD)
    assert award_clock.rule.max_extension == 15


def test_the_committee_records_the_award_and_the_legal_aid_file_follows(
    officer, lawyer, arbitration_clerk, client
):
    application = in_progress(officer, lawyer)
    link = services.refer_arbitration(application, actor=officer)
    deliver_transfer(link.transfer_id)
    link.transfer.refresh_from_db()
    accept_transfer(link.transfer, actor=arbitration_clerk)
    client.force_login(arbitration_clerk)

    response = client.post(
        f"/legal-aid/arbitration/{link.pk}/award/",
        {"number": "坡劳人仲案字〔2026〕12号", "text": "支付工资46000元", "amount": "46000"},
    )

    assert response.status_code == 302
    link.refresh_from_db()
    assert link.status == ArbitrationStatus.AWARDED
    assert link.award_amount == Decimal("46000")
    assert application.case.events.filter(kind="legal_aid_award").exists()
    assert (
        Deadline.objects.get(case=application.case, kind=services.ARBITRATION_AWARD).met_at
        is not None
    )


def test_only_labour_matters_go_to_arbitration(officer, lawyer):
    from tests.conftest import make_staff  # noqa: F401

    application = in_progress(officer, lawyer, matter=MatterType.MAINTENANCE)
    with pytest.raises(ActionRefused, match="劳动报酬"):
        services.refer_arbitration(application, actor=officer)


def a_pdf() -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "wage slip")
    page.save()
    return buffer.getvalue()


def granted_reading(officer, lawyer, days: int = 7):
    application = in_progress(officer, lawyer)
    add_evidence(
        application.case,
        SimpleUploadedFile("工资条.pdf", a_pdf(), content_type="application/pdf"),
        actor=officer,
    )
    access = files.request_for_assignment(
        lawyer=lawyer, application=application, case=application.case
    )
    return files.grant(access, days=days, actor=officer)


def test_a_granted_lawyer_reads_the_file_and_each_view_and_download_is_logged(
    officer, lawyer, client
):
    access = granted_reading(officer, lawyer)
    evidence = access.case.evidence.get()
    client.force_login(lawyer)

    page = client.get(f"/legal-aid/files/{access.pk}/")
    download = client.get(f"/legal-aid/files/{access.pk}/evidence/{evidence.pk}/")

    assert page.status_code == 200
    assert download.status_code == 200
    actions = sorted(FileAccessLog.objects.filter(access=access).values_list("action", flat=True))
    assert actions == ["download", "view"]
    text = PdfReader(io.BytesIO(download.content)).pages[0].extract_text()
    assert "张明" in text
    assert timezone.localdate().isoformat() in text


def test_reading_after_access_ended_is_refused_and_logs_nothing(officer, lawyer, client):
    access = granted_reading(officer, lawyer, days=3)
    client.force_login(lawyer)

    with time_machine.travel(timezone.now() + dt.timedelta(days=4)):
        page = client.get(f"/legal-aid/files/{access.pk}/")

    assert page.status_code == 403
    assert "阅卷权限已结束" in page.content.decode()
    assert not FileAccessLog.objects.exists()


def test_a_lawyer_cannot_read_a_case_not_granted(officer, lawyer, off_roster_lawyer, client):
    access = granted_reading(officer, lawyer)
    client.force_login(off_roster_lawyer)

    page = client.get(f"/legal-aid/files/{access.pk}/")

    assert page.status_code == 404
    with pytest.raises(ActionRefused):
        files.request_for_assignment(
            lawyer=off_roster_lawyer,
            application=access.application,
            case=access.case,
        )


def test_a_requested_but_not_granted_reading_is_refused(officer, lawyer, client):
    application = in_progress(officer, lawyer)
    access = files.request_for_assignment(
        lawyer=lawyer, application=application, case=application.case
    )
    client.force_login(lawyer)

    assert client.get(f"/legal-aid/files/{access.pk}/").status_code == 403


def test_a_partys_lawyer_asks_with_the_number_and_tracking_code(officer, lawyer):
    application = an_application()
    case = application.case

    with pytest.raises(ActionRefused):
        files.request_as_agent(lawyer=lawyer, number=case.number, tracking_code="X", reason="代理")
    access = files.request_as_agent(
        lawyer=lawyer, number=case.number, tracking_code=case.tracking_code, reason="代理申请人"
    )

    assert access.status == "requested"


def test_the_staff_list_is_scoped_to_the_officers_centre_and_the_lawyers_assignments(
    officer, other_officer, lawyer, client, django_assert_max_num_queries
):
    mine = in_progress(officer, lawyer)
    an_application(phone="13900000001", matter=MatterType.WORK_INJURY)

    client.force_login(officer)
    with django_assert_max_num_queries(8):
        officers = client.get("/api/v1/legal-aid/applications/").json()["results"]
    client.force_login(other_officer)
    others = client.get("/api/v1/legal-aid/applications/").json()["results"]
    client.force_login(lawyer)
    lawyers = client.get("/api/v1/legal-aid/applications/").json()["results"]

    assert len(officers) == 2
    assert others == []
    assert [row["id"] for row in lawyers] == [mine.pk]


def test_the_api_refuses_what_the_page_refuses(officer, off_roster_lawyer, client):
    from .helpers import granted

    application = granted(officer)
    client.force_login(officer)

    refused = client.post(
        f"/api/v1/legal-aid/applications/{application.pk}/assign/",
        {"lawyer": off_roster_lawyer.pk},
        content_type="application/json",
    )
    wrong_state = client.post(
        f"/api/v1/legal-aid/applications/{application.pk}/refuse/",
        {"reasons": "x"},
        content_type="application/json",
    )

    assert refused.status_code == 409
    assert refused.json()["code"] == "invalid_target"
    assert wrong_state.status_code == 409
    assert wrong_state.json()["code"] == "wrong_state"


def test_someone_elses_application_answers_404(officer, other_officer, client):
    application = an_application()
    client.force_login(other_officer)

    assert client.get(f"/api/v1/legal-aid/applications/{application.pk}/").status_code == 404
    assert (
        client.post(f"/legal-aid/applications/{application.pk}/accept_complete/").status_code == 404
    )


def test_the_totals_sum_by_matter_type_and_county(officer, lawyer):
    from legal_aid.totals import totals

    first = in_progress(officer, lawyer)
    services.close(
        first, result="won", amount_recovered=Decimal("46000"), satisfaction=5, actor=lawyer
    )
    an_application(phone="13900000002", matter=MatterType.WORK_INJURY)
    month = timezone.localdate().replace(day=1)

    rows = {r["matter_type"]: r for r in totals(month, month + dt.timedelta(days=32))}

    assert rows["unpaid_wages"]["recovered"] == Decimal("46000")
    assert rows["unpaid_wages"]["closed"] == 1
    assert rows["unpaid_wages"]["satisfaction"] == 5
    assert rows["work_injury"]["applications"] == 1
    assert rows["work_injury"]["aided"] == 0
    assert rows["work_injury"]["county_code"] == "440804"


def test_the_running_totals_agree_with_the_applications_after_every_kind_of_move(
    officer, lawyer, bureau_officer
):
    from legal_aid.totals import exact_totals, rebuild, totals

    done = in_progress(officer, lawyer)
    services.close(
        done, result="won", amount_recovered=Decimal("1200.50"), satisfaction=4, actor=lawyer
    )
    refused = services.accept_complete(
        an_application(phone="13900000003", matter=MatterType.WORK_INJURY), actor=officer
    )
    refused = services.refuse(refused, reasons="不符合条件", actor=officer)
    services.object_to(refused, text="有误", actor=officer)
    services.answer_objection(refused, uphold=False, text="改正", actor=bureau_officer)
    ended = in_progress(officer, lawyer, phone="13900000004")
    services.terminate(ended, ground="own_lawyer", text="", actor=officer)
    month = timezone.localdate().replace(day=1)
    start = timezone.make_aware(dt.datetime.combine(month, dt.time()))
    keys = ("matter_type", "county_code", "applications", "aided", "closed", "recovered")

    running = [{k: r[k] for k in keys} for r in totals(month, month + dt.timedelta(days=32))]
    exact = [
        {k: r[k] for k in keys} | {"recovered": r["recovered"] or 0}
        for r in exact_totals(start, start + dt.timedelta(days=32))
    ]
    rebuild()
    rebuilt = [{k: r[k] for k in keys} for r in totals(month, month + dt.timedelta(days=32))]

    assert running == exact == rebuilt


def test_the_schema_lists_the_legal_aid_contract(client, settings):
    settings.API_DOCS_PUBLIC = True  # open as in development; tests/hardening covers staff-only
    schema = client.get("/api/schema/").content.decode()

    for path in (
        "/api/v1/public/legal-aid/",
        "/api/v1/public/legal-aid/{number}/",
        "/api/v1/legal-aid/applications/",
    ):
        assert path in schema
