"""The pre-litigation case from the court's push to 转立案 or an effective document."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Role
from cases.models import CaseStatus
from cases.services import transition
from courts import services
from courts.models import PreLitigationCase
from deadlines.calendar import is_working_day
from deadlines.models import Deadline
from deadlines.services import extend_deadline
from notifications.models import Notification
from tests.conftest import make_staff, org
from transfers.models import Transfer
from transfers.services import deliver_transfer, reject_transfer

from .helpers import URL, court_client, detail_url, push_payload

pytestmark = pytest.mark.django_db


def pushed(number="（2026）粤0804民诉前调12号", **overrides) -> PreLitigationCase:
    body = court_client().post(URL, push_payload(number, **overrides), format="json").json()
    plc = PreLitigationCase.objects.get(pk=body["id"])
    deliver_transfer(Transfer.objects.get(case=plc.case).pk)
    return plc


def delegation(plc) -> Transfer:
    return Transfer.objects.get(case=plc.case, kind="delegate_pre_litigation")


def dispatched(plc, officer) -> PreLitigationCase:
    return services.dispatch_pre_litigation(
        plc, transfer=delegation(plc), target=org("pmc-440804104"), actor=officer
    )


def test_the_bureau_accepts_and_dispatches_to_a_mediation_committee(bureau_officer):
    plc = pushed()

    plc = dispatched(plc, bureau_officer)

    assert plc.status == "dispatched"
    assert plc.mediation_organisation == org("pmc-440804104")
    assert delegation(plc).status == "accepted"
    plc.case.refresh_from_db()
    assert (plc.case.status, plc.case.organisation) == ("routed", org("pmc-440804104"))


def test_the_bureau_cannot_dispatch_outside_its_county(bureau_officer):
    plc = pushed()

    with pytest.raises(ValidationError):
        services.dispatch_pre_litigation(
            plc, transfer=delegation(plc), target=org("centre-440882"), actor=bureau_officer
        )

    assert delegation(plc).status == "delivered"


def test_an_agreement_returns_to_the_court_as_a_transfer_and_stops_the_clock(bureau_officer):
    plc = dispatched(pushed(), bureau_officer)
    case = plc.case

    transition(
        case,
        to=CaseStatus.AGREEMENT,
        allowed_from=[CaseStatus.ROUTED],
        actor=None,
        kind="agreement",
        text="达成协议",
        payload={"agreement": "林某于12月1日前还款三万元。", "judicial_confirmation": True},
    )

    plc.refresh_from_db()
    assert plc.status == "success"
    assert plc.agreement == "林某于12月1日前还款三万元。"
    assert plc.success_route == "judicial_confirmation"
    result = Transfer.objects.get(case=case, kind="return_result")
    assert (result.to_organisation, result.status) == (org("court-0804"), "pending")
    assert result.payload["outcome"] == "success"
    assert Deadline.objects.get(case=case, kind="pre_litigation").met_at is not None


def test_the_court_registers_the_judicial_confirmation_with_its_min_te_number(
    bureau_officer, court_clerk
):
    plc = dispatched(pushed(), bureau_officer)
    transition(plc.case, to="agreement", allowed_from=["routed"], actor=None, kind="a", text="a")
    plc.refresh_from_db()

    plc = services.record_success_route(
        plc, route="judicial_confirmation", number="(2026)粤0804民特5号", actor=court_clerk
    )

    assert plc.special_case_number == "（2026）粤0804民特5号"
    assert plc.concluded_at is not None
    assert plc.case.identifiers.filter(kind="court_special").exists()


@pytest.mark.parametrize(
    ("amount", "cause", "track"),
    [
        ("30000", "房屋买卖合同纠纷", "simple"),
        ("500000", "民间借贷纠纷", "simple"),
        ("500000", "房屋买卖合同纠纷", "complex"),
    ],
)
def test_failed_mediation_is_filed_with_a_min_chu_number_on_its_track(
    bureau_officer, court_clerk, amount, cause, track
):
    plc = dispatched(pushed(claim_amount=amount, cause_of_action=cause), bureau_officer)
    transition(plc.case, to="failed", allowed_from=["routed"], actor=None, kind="f", text="f")
    plc.refresh_from_db()
    assert plc.status == "failed"
    assert Transfer.objects.get(case=plc.case, kind="return_result").payload["outcome"] == "failed"

    plc = services.record_filing(plc, number="（2026）粤0804民初88号", actor=court_clerk)

    assert plc.first_instance_number == "（2026）粤0804民初88号"
    assert plc.track == track


def test_filing_is_refused_while_mediation_is_still_running(bureau_officer, court_clerk):
    plc = dispatched(pushed(), bureau_officer)

    with pytest.raises(services.CourtActionRefused):
        services.record_filing(plc, number="（2026）粤0804民初88号", actor=court_clerk)


def test_a_rejected_delegation_returns_to_the_courts_queue_with_its_reason(
    bureau_officer, court_clerk
):
    plc = pushed()

    reject_transfer(
        delegation(plc),
        actor=bureau_officer,
        reason_code="before_other_body",
        text="已由派出所调处",
    )

    plc.refresh_from_db()
    assert plc.status == "rejected"
    plc.case.refresh_from_db()
    assert plc.case.status == "not_accepted"
    returned = Transfer.objects.returned_to([org("court-0804").pk]).get()
    assert returned.refusal_reason.name == "已由法院、公安或其他机关受理"
    assert returned.refusal_text == "已由派出所调处"
    assert Notification.objects.filter(recipient=court_clerk, kind="transfer_rejected").exists()
    # The rejection itself is the answer: no second "result" transfer is written.
    assert not Transfer.objects.filter(case=plc.case, kind="return_result").exists()


def test_an_extension_needs_both_parties_and_stays_under_the_cap(court_clerk, settings):
    settings.PRE_LITIGATION_MAX_EXTENSION_DAYS = 30
    approver = make_staff("bureau_head", Role.CENTRE_SUPERVISOR, "bureau-440804")
    plc = pushed()
    clock = Deadline.objects.get(case=plc.case, kind="pre_litigation")
    due = clock.due_date

    with pytest.raises(services.CourtActionRefused):
        services.extend_pre_litigation(
            plc, days=10, both_parties_agree=False, approved_by=approver, actor=court_clerk
        )
    plc = services.extend_pre_litigation(
        plc, days=20, both_parties_agree=True, approved_by=approver, actor=court_clerk
    )
    with pytest.raises(services.CourtActionRefused, match="累计不超过30天"):
        services.extend_pre_litigation(
            plc, days=11, both_parties_agree=True, approved_by=approver, actor=court_clerk
        )

    clock.refresh_from_db()
    assert clock.due_date == due + dt.timedelta(days=20)
    assert plc.deadline_at == clock.due_at
    assert plc.extended_days == 20
    extension = clock.extensions.get()
    assert extension.approved_by == approver
    assert "双方当事人同意" in extension.reason
    assert plc.case.events.filter(kind="deadline_extended").count() == 1


def test_an_extension_without_a_supervisors_approval_is_refused_and_changes_nothing(
    court_clerk,
):
    plc = pushed()
    clock = Deadline.objects.get(case=plc.case, kind="pre_litigation")

    with pytest.raises(services.CourtActionRefused, match="批准人"):
        services.extend_pre_litigation(
            plc, days=5, both_parties_agree=True, approved_by=court_clerk, actor=court_clerk
        )

    assert Deadline.objects.get(pk=clock.pk).due_at == clock.due_at
    assert not clock.extensions.exists()


def test_the_court_reads_the_clock_after_deadlines_moves_it(court_clerk):
    plc = pushed()
    clock = Deadline.objects.get(case=plc.case, kind="pre_litigation")
    approver = make_staff("bureau_head", Role.CENTRE_SUPERVISOR, "bureau-440804")
    extend_deadline(
        clock,
        new_due_date=clock.due_date + dt.timedelta(days=3),
        reason="当事人外出务工",
        approved_by=approver,
    )

    body = court_client().get(detail_url(plc.court_case_number)).json()

    clock.refresh_from_db()
    assert body["deadline"] == timezone.localtime(clock.due_at).isoformat()
    assert body["days_left"] == clock.days_left()


def test_a_preservation_request_runs_the_48_hour_then_the_30_day_clock(court_clerk):
    plc = pushed()

    request = services.request_preservation(
        case=plc.case,
        court=plc.court,
        applicant="陈某",
        amount=Decimal("30000"),
        property_description="林某名下银行存款",
        actor=court_clerk,
    )
    ruling = Deadline.objects.get(case=plc.case, kind="preservation_ruling")
    assert (ruling.due_at - ruling.starts_at).total_seconds() == 48 * 3600

    services.rule_preservation(
        request, granted=True, number="（2026）粤0804财保7号", actor=court_clerk
    )

    ruling.refresh_from_db()
    assert ruling.met_at is not None
    # The measure lapses at the end of the 30th day after it was taken (that day not
    # counted), or of the first working day after, when the 30th is a holiday.
    lapse = Deadline.objects.get(case=plc.case, kind="preservation_lapse")
    thirtieth = timezone.localdate(lapse.starts_at) + dt.timedelta(days=30)
    due = timezone.localtime(lapse.due_at)
    assert due.time() == dt.time(23, 59, 59)
    assert due.date() >= thirtieth
    assert is_working_day(due.date())
    assert not any(
        is_working_day(thirtieth + dt.timedelta(days=n))
        for n in range((due.date() - thirtieth).days)
    )
    with pytest.raises(services.CourtActionRefused):
        services.rule_preservation(request, granted=False, actor=court_clerk)


def test_a_preservation_number_of_the_wrong_type_is_refused(court_clerk):
    plc = pushed()
    request = services.request_preservation(
        case=plc.case,
        court=plc.court,
        applicant="陈某",
        amount=Decimal("1"),
        property_description="车辆",
        actor=court_clerk,
    )

    with pytest.raises(ValidationError):
        services.rule_preservation(
            request, granted=True, number="（2026）粤0804民初7号", actor=court_clerk
        )


def test_a_committee_without_a_supervisor_above_it_has_its_extension_approved_by_an_administrator(
    court_clerk, bureau_officer
):
    admin = make_staff("portal_admin", Role.ADMINISTRATOR, "plc-city")
    plc = dispatched(pushed(), bureau_officer)

    assert services.extension_approvers(plc) == [admin]
    plc = services.extend_pre_litigation(
        plc, days=5, both_parties_agree=True, approved_by=admin, actor=court_clerk
    )

    assert plc.extended_days == 5
