"""An application from the public to the outcome, and the bad input the issue names."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from accounts.verbs import ActionRefused
from cases.models import CaseStatus
from deadlines.models import Deadline
from legal_aid import services
from legal_aid.models import (
    Application,
    ApplicationStatus,
    BadCreditEntry,
    Commitment,
    ExemptReason,
    HardshipBasis,
    MatterType,
    RosterEntry,
    TerminationGround,
)
from tests.conftest import org

from .helpers import PUBLIC, an_application, granted, in_progress, public_body, under_review

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def test_a_public_application_answers_number_tracking_code_and_status(client):
    response = client.post(PUBLIC, public_body(), content_type="application/json")

    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"number", "tracking_code", "status"}
    assert body["status"] == "submitted"
    application = Application.objects.get(case__number=body["number"])
    assert application.centre == org("legalaid-440804")
    assert application.case.parties.filter(side="applicant", phone="13812345678").exists()


def test_the_commitment_records_the_notice_version_time_channel_and_signature(client):
    body = client.post(
        PUBLIC, public_body(commitment_text_version="2026-01"), content_type="application/json"
    ).json()

    commitment = Commitment.objects.get(application__case__number=body["number"])
    assert commitment.text_version == "2026-01"
    assert commitment.channel == "online"
    assert commitment.method == "sms_code"
    assert commitment.signed_at is not None
    assert commitment.application.hardship_basis == HardshipBasis.COMMITMENT


def test_tracking_shows_the_status_with_the_right_code_only(client):
    body = client.post(PUBLIC, public_body(), content_type="application/json").json()
    url = f"{PUBLIC}{body['number']}/"

    found = client.get(url, {"code": body["tracking_code"]})
    wrong = client.get(url, {"code": "WRONGCODE2"})

    assert found.status_code == 200
    assert found.json()["status"] == "submitted"
    assert found.json()["events"]
    assert wrong.status_code == 404


def test_malformed_json_and_missing_fields_answer_400_and_create_nothing(client):
    garbage = client.post(PUBLIC, "{not json", content_type="application/json")
    missing = client.post(PUBLIC, {"applicant_name": "陈某"}, content_type="application/json")
    unsigned = client.post(
        PUBLIC, public_body(commitment_signed=False), content_type="application/json"
    )

    assert garbage.status_code == 400
    assert missing.status_code == 400
    assert "applicant_phone" in missing.json()
    assert unsigned.status_code == 400
    assert not Application.objects.exists()


def test_someone_on_the_bad_credit_list_cannot_commit(client, officer):
    BadCreditEntry.objects.create(name="陈某", phone="13812345678", reason="虚假承诺")

    response = client.post(PUBLIC, public_body(), content_type="application/json")

    assert response.status_code == 409
    assert "失信名单" in response.json()["detail"]
    assert not Application.objects.exists()


def test_the_officer_cannot_record_a_commitment_for_someone_on_the_list(officer):
    application = an_application(matter=MatterType.WORK_INJURY)
    BadCreditEntry.objects.create(name="陈某", phone="13812345678", reason="虚假承诺")

    with pytest.raises(ActionRefused, match="失信名单"):
        services.commit(
            application,
            data=services.CommitmentInput(method="handwritten", channel="window"),
            actor=officer,
        )
    assert not Commitment.objects.exists()


def test_a_migrant_worker_claiming_wages_skips_the_hardship_check_with_the_reason_recorded():
    application = an_application(matter=MatterType.UNPAID_WAGES)

    assert application.hardship_basis == HardshipBasis.EXEMPT
    assert application.exempt_reason == ExemptReason.MIGRANT_WORKER
    assert application.case.events.filter(kind="legal_aid_exempt").exists()
    assert not Commitment.objects.exists()


def test_the_migrant_worker_exemption_does_not_cover_other_matters():
    with pytest.raises(ActionRefused, match="农民工"):
        an_application(matter=MatterType.MAINTENANCE, exempt_reason=ExemptReason.MIGRANT_WORKER)
    assert not Application.objects.exists()


def test_a_second_open_application_for_the_same_matter_is_refused(client):
    first = client.post(PUBLIC, public_body(), content_type="application/json")
    again = client.post(
        PUBLIC, public_body(opponent="陈 某某", facts="再次申请"), content_type="application/json"
    )

    assert first.status_code == 201
    assert again.status_code == 409
    assert first.json()["number"] in again.json()["detail"]
    assert Application.objects.count() == 1


def test_a_new_application_is_allowed_once_the_earlier_one_is_finished(officer):
    earlier = under_review(officer, matter=MatterType.WORK_INJURY)
    services.refuse(earlier, reasons="不属于援助范围", actor=officer)

    again = an_application(matter=MatterType.WORK_INJURY)

    assert again.status == S.SUBMITTED


def test_one_notice_lists_the_missing_materials_and_silence_withdraws_the_application(officer):
    application = services.request_materials(
        an_application(), missing="劳动合同；工资条", actor=officer
    )
    assert application.case.events.filter(
        kind="legal_aid_materials_requested", is_public=True
    ).exists()

    with time_machine.travel(timezone.now() + dt.timedelta(days=20)):
        withdrawn = services.sweep_silent()

    application.refresh_from_db()
    assert withdrawn == 1
    assert application.status == S.WITHDRAWN
    assert application.case.status == CaseStatus.WITHDRAWN


def test_a_complete_application_starts_the_seven_day_decision_clock(officer):
    application = under_review(officer)

    clock = Deadline.objects.get(case=application.case, kind=services.DECISION)
    assert clock.met_at is None
    assert (clock.due_date - timezone.localdate()).days in range(7, 10)


def test_a_decision_after_its_clock_needs_a_recorded_reason(officer):
    application = under_review(officer)

    with time_machine.travel(timezone.now() + dt.timedelta(days=12)):
        with pytest.raises(ActionRefused, match="逾期"):
            services.grant(application, actor=officer)
        application.refresh_from_db()
        assert application.status == S.UNDER_REVIEW
        done = services.grant(application, actor=officer, late_reason="等待社保部门回函")

    assert done.status == S.GRANTED
    assert done.late_reason == "等待社保部门回函"


def test_a_refusal_needs_reasons_and_is_in_writing(officer):
    application = under_review(officer)

    with pytest.raises(ActionRefused, match="理由"):
        services.refuse(application, reasons="  ", actor=officer)
    refused = services.refuse(application, reasons="收入高于本地标准", actor=officer)

    assert refused.status == S.REFUSED
    assert refused.case.events.filter(kind="legal_aid_refused", is_public=True).exists()


def test_an_objection_after_its_time_is_refused(officer):
    refused = services.refuse(under_review(officer), reasons="收入高于标准", actor=officer)

    with (
        time_machine.travel(timezone.now() + dt.timedelta(days=30)),
        pytest.raises(ActionRefused, match="期限"),
    ):
        services.object_to(refused, text="收入算错了", actor=officer)
    refused.refresh_from_db()
    assert refused.objection_at is None


def test_the_bureau_answers_an_objection_and_a_correction_sends_it_back_to_review(
    officer, bureau_officer
):
    refused = services.refuse(under_review(officer), reasons="收入高于标准", actor=officer)
    services.object_to(refused, text="收入算错了", actor=officer)
    assert Deadline.objects.filter(
        case=refused.case, kind=services.OBJECTION_ANSWER, met_at=None
    ).exists()

    with pytest.raises(ActionRefused):
        services.answer_objection(refused, uphold=False, text="应予改正", actor=officer)
    corrected = services.answer_objection(
        refused, uphold=False, text="收入计算有误，责令重新审查", actor=bureau_officer
    )

    assert corrected.status == S.UNDER_REVIEW
    assert corrected.case.status == CaseStatus.ACCEPTED


def test_urgent_aid_starts_before_the_decision(officer):
    application = an_application(is_urgent=True, urgent_reason="仲裁时效3日后届满")

    aided = services.aid_first(application, actor=officer)

    assert aided.status == S.GRANTED
    assert Deadline.objects.filter(case=aided.case, kind=services.ASSIGNMENT, met_at=None).exists()


def test_aid_first_is_refused_when_nothing_is_urgent(officer):
    with pytest.raises(ActionRefused, match="紧急"):
        services.aid_first(an_application(), actor=officer)


def test_assignment_to_a_lawyer_outside_the_roster_is_refused(officer, lawyer, off_roster_lawyer):
    application = granted(officer)

    with pytest.raises(ActionRefused) as refused:
        services.assign(application, actor=officer, lawyer_id=off_roster_lawyer.pk)

    assert refused.value.code == "invalid_target"
    application.refresh_from_db()
    assert application.status == S.GRANTED
    assert application.lawyer is None


def test_fair_assignment_picks_the_qualified_lawyer_with_fewest_open_matters(
    officer, lawyer, law_firm
):
    from tests.conftest import make_staff

    busy = make_staff("lawyer_busy", "lawyer", "lawfirm-test")
    RosterEntry.objects.create(
        centre=org("legalaid-440804"),
        lawyer=busy,
        law_firm=law_firm,
        matter_types=[MatterType.UNPAID_WAGES],
        open_cases=5,
    )

    application = services.assign(granted(officer), actor=officer)

    assert application.lawyer == lawyer
    assert RosterEntry.objects.get(lawyer=lawyer).open_cases == 1


def test_a_lawyer_declines_with_a_reason_and_the_matter_returns_for_reassignment(officer, lawyer):
    application = services.assign(granted(officer), actor=officer, lawyer_id=lawyer.pk)

    with pytest.raises(ActionRefused, match="理由"):
        services.lawyer_decline(application, reason="", actor=lawyer)
    declined = services.lawyer_decline(application, reason="与对方存在利害关系", actor=lawyer)

    assert declined.status == S.GRANTED
    assert declined.lawyer is None
    assert lawyer.pk in declined.declined_lawyer_ids
    with pytest.raises(ActionRefused):
        services.assign(declined, actor=officer, lawyer_id=lawyer.pk)


def test_a_false_commitment_found_by_the_random_check_ends_the_aid(officer, lawyer, settings):
    settings.LEGAL_AID_VERIFICATION_SHARE = 1
    application = in_progress(officer, lawyer, matter=MatterType.WORK_INJURY, exempt_reason="")
    assert application.needs_verification

    ended = services.verify(application, ok=False, note="名下有两套商品房", actor=officer)

    assert ended.status == S.TERMINATED
    assert ended.termination_ground == TerminationGround.DECEIT


def test_the_outcome_records_result_amount_and_satisfaction(officer, lawyer):
    application = in_progress(officer, lawyer)

    closed = services.close(
        application, result="won", amount_recovered=Decimal("46000"), satisfaction=5, actor=lawyer
    )

    assert closed.status == S.CLOSED
    assert closed.amount_recovered == Decimal("46000")
    assert closed.case.status == CaseStatus.CLOSED
    assert RosterEntry.objects.get(lawyer=lawyer).open_cases == 0


def test_another_lawyer_cannot_accept_or_close_someone_elses_assignment(
    officer, lawyer, off_roster_lawyer
):
    application = services.assign(granted(officer), actor=officer, lawyer_id=lawyer.pk)

    with pytest.raises(ActionRefused) as refused:
        services.lawyer_accept(application, actor=off_roster_lawyer)

    assert refused.value.status == 403
