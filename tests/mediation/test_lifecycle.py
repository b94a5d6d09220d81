from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from accounts.verbs import ActionRefused
from cases.models import Case, CaseStatus
from cases.services import ConcurrentChange, TransitionRefused
from cases.signals import case_transitioned
from deadlines.models import Deadline
from mediation import services
from mediation.desks import village_resolution_counts
from mediation.models import Agreement, MediationFile, MediationSession, Recusal
from tests.cases.factories import GAOLING, a_case
from tests.conftest import org
from tests.mediation.factories import a_mediator, category, in_mediation, tomorrow_at

pytestmark = pytest.mark.django_db

ROOM = "room-440804-family"


@pytest.fixture
def chen(db):
    return a_mediator("chen", ROOM, specialities=["marriage_family"])


def term(**overrides) -> services.TermInput:
    values = {
        "obligor": "林某",
        "action": "支付补偿款",
        "amount": Decimal("5000"),
        "due_date": timezone.localdate() + dt.timedelta(days=30),
    }
    values.update(overrides)
    return services.TermInput(**values)


def test_accepting_starts_the_people_mediation_clock_and_an_outcome_meets_it(chen):
    case = in_mediation(chen)
    assert case.status == CaseStatus.IN_MEDIATION
    clock = Deadline.objects.get(case=case, kind="people_mediation")
    assert clock.met_at is None
    services.fail(case=case, actor=chen, reason="双方分歧过大")
    clock.refresh_from_db()
    assert clock.met_at is not None


def test_a_mediator_of_another_organisation_cannot_accept(chen):
    stranger = a_mediator("stranger", "room-440804-labour")
    case = services.route_case(
        case=a_case(category=category("marriage_family"), claim_amount=Decimal("80000"))
    )
    with pytest.raises(ActionRefused) as caught:
        services.accept(case=case, actor=stranger)
    assert "已分配给调解员" in caught.value.message
    assert caught.value.code == "forbidden"
    case.refresh_from_db()
    assert (case.status, case.assignee) == (CaseStatus.ROUTED, chen)


def test_a_case_assigned_to_someone_else_cannot_be_taken(chen):
    colleague = a_mediator("colleague", ROOM)
    case = services.route_case(
        case=a_case(category=category("marriage_family"), claim_amount=Decimal("80000"))
    )
    assert case.assignee == chen
    with pytest.raises(ActionRefused) as caught:
        services.accept(case=case, actor=colleague)
    assert "已分配给调解员" in caught.value.message


def test_of_two_accepts_of_the_same_read_only_one_succeeds_and_the_other_is_told(chen):
    case = services.route_case(
        case=a_case(category=category("marriage_family"), claim_amount=Decimal("80000"))
    )
    stale = Case.objects.select_related("organisation", "assignee").get(pk=case.pk)
    services.accept(case=case, actor=chen)
    with pytest.raises(ConcurrentChange) as caught:
        services.accept(case=stale, actor=chen)
    assert "受理未成功" in caught.value.message
    assert Case.objects.get(pk=case.pk).events.filter(kind="accepted").count() == 1
    assert Deadline.objects.filter(case=case).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_people_accepting_at_the_same_moment_exactly_one_succeeds():
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent connections")
    first = a_mediator("first", ROOM)
    second = a_mediator("second", ROOM)
    RoutedCase = services.route_case(
        case=a_case(category=category("marriage_family"), claim_amount=Decimal("80000"))
    )
    Case.objects.filter(pk=RoutedCase.pk).update(assignee=None)
    results: dict[str, str] = {}
    barrier = threading.Barrier(2)

    def accept(user):
        try:
            case = Case.objects.select_related("organisation", "assignee").get(pk=RoutedCase.pk)
            barrier.wait()
            services.accept(case=case, actor=user)
            results[user.username] = "ok"
        except TransitionRefused as exc:
            results[user.username] = exc.message
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(u,)) for u in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results.values()).count("ok") == 1
    (refusal,) = [m for m in results.values() if m != "ok"]
    assert "受理未成功" in refusal
    case = Case.objects.get(pk=RoutedCase.pk)
    assert case.status == CaseStatus.ACCEPTED
    assert case.events.filter(kind="accepted").count() == 1


def test_declining_sends_the_case_to_the_next_mediator_and_never_back(chen):
    other = a_mediator("other", ROOM)
    case = services.route_case(
        case=a_case(category=category("marriage_family"), claim_amount=Decimal("80000"))
    )
    case = services.decline(case=case, actor=chen, reason="与被申请人是同村亲戚")
    assert (case.status, case.assignee) == (CaseStatus.ROUTED, other)
    assert Recusal.objects.filter(case=case, mediator=chen).exists()
    case = services.decline(case=case, actor=other, reason="休假")
    assert case.assignee is None
    assert case.events.filter(kind="declined").count() == 2


def test_declining_needs_a_reason(chen):
    case = services.route_case(
        case=a_case(category=category("marriage_family"), claim_amount=Decimal("80000"))
    )
    with pytest.raises(ValidationError):
        services.decline(case=case, actor=chen, reason="  ")
    case.refresh_from_db()
    assert case.assignee == chen


def test_a_party_refusing_mediation_ends_the_case_as_not_accepted(chen):
    case = services.route_case(
        case=a_case(category=category("marriage_family"), claim_amount=Decimal("80000"))
    )
    case = services.not_accept(case=case, actor=chen, reason="被申请人明确拒绝调解")
    assert case.status == CaseStatus.NOT_ACCEPTED
    assert MediationFile.objects.get(case=case).outcome == "not_accepted"


def test_the_escalation_ladder_goes_village_town_county_and_keeps_every_hop():
    village_mediator = a_mediator("village", f"pmc-{GAOLING}")
    town_mediator = a_mediator("town", f"pmc-{GAOLING[:9]}")
    centre_mediator = a_mediator("centre", "room-440804-land")
    case = services.route_case(case=a_case(category=category("housing_homestead")))
    assert case.assignee == village_mediator
    case = services.escalate(
        case=case, actor=village_mediator, reason="涉及两村边界", has_consent=True
    )
    assert (case.organisation, case.assignee) == (org(f"pmc-{GAOLING[:9]}"), town_mediator)
    case = services.escalate(
        case=case, actor=town_mediator, reason="需县级国土部门参与", has_consent=True
    )
    assert (case.organisation, case.assignee) == (org("room-440804-land"), centre_mediator)
    with pytest.raises(services.MediationRefused):
        services.escalate(case=case, actor=centre_mediator, reason="再上交", has_consent=True)
    hops = list(case.events.filter(kind="escalated").values_list("payload", flat=True))
    assert [h["to"] for h in hops] == [f"pmc-{GAOLING[:9]}", "room-440804-land"]
    assert MediationFile.objects.get(case=case).escalations == 2


def test_each_village_counts_the_disputes_it_resolved_without_passing_them_up():
    mediator = a_mediator("village", f"pmc-{GAOLING}")
    a_mediator("town", f"pmc-{GAOLING[:9]}")
    kept = services.route_case(case=a_case())
    services.accept(case=kept, actor=mediator)
    kept = services.start_mediation(case=Case.objects.get(pk=kept.pk), actor=mediator)
    services.record_agreement(
        case=kept,
        actor=mediator,
        kind="oral",
        facts="边界纠纷",
        terms=[term()],
        on_the_spot_reason="在村委会当场调解",
    )
    passed_up = services.route_case(case=a_case())
    services.escalate(case=passed_up, actor=mediator, reason="调解不了", has_consent=True)
    (row,) = village_resolution_counts(["440804"])
    assert (row["case__village_id"], row["resolved"]) == (GAOLING, 1)


def test_a_session_in_a_booked_room_is_refused_and_nothing_is_booked(chen):
    first = in_mediation(chen)
    second = in_mediation(chen)
    room = org("room-440804-family")
    services.schedule_session(
        case=first, actor=chen, starts_at=tomorrow_at(9), ends_at=tomorrow_at(11), room=room
    )
    other = a_mediator("other", ROOM)
    with pytest.raises(services.MediationRefused) as caught:
        services.schedule_session(
            case=second,
            actor=chen,
            mediator=other,
            starts_at=tomorrow_at(10),
            ends_at=tomorrow_at(12),
            room=room,
        )
    assert "已被预约" in caught.value.message
    assert MediationSession.objects.filter(case=second, status="scheduled").count() == 0


def test_a_mediator_cannot_be_in_two_sessions_at_once(chen):
    first, second = in_mediation(chen), in_mediation(chen)
    services.schedule_session(
        case=first,
        actor=chen,
        starts_at=tomorrow_at(9),
        ends_at=tomorrow_at(11),
        room=org("room-440804-family"),
    )
    with pytest.raises(services.MediationRefused) as caught:
        services.schedule_session(
            case=second,
            actor=chen,
            starts_at=tomorrow_at(10),
            ends_at=tomorrow_at(12),
            place="官渡镇司法所",
        )
    assert "已有其他调解安排" in caught.value.message
    back_to_back = services.schedule_session(
        case=second,
        actor=chen,
        starts_at=tomorrow_at(11),
        ends_at=tomorrow_at(12),
        place="官渡镇司法所",
    )
    assert back_to_back.pk


def test_scheduling_tells_the_parties_on_the_public_timeline_and_recording_starts_mediation(chen):
    case = services.route_case(
        case=a_case(category=category("marriage_family"), claim_amount=Decimal("80000"))
    )
    case = services.accept(case=case, actor=chen)
    session = services.schedule_session(
        case=case,
        actor=chen,
        starts_at=tomorrow_at(9),
        ends_at=tomorrow_at(10),
        room=org("room-440804-family"),
    )
    assert case.events.filter(kind="session_scheduled", is_public=True).exists()
    with time_machine.travel(tomorrow_at(9, 5)):
        services.record_session(
            session=session,
            actor=chen,
            attendance=["申请人陈某", "被申请人林某"],
            minutes="双方陈述",
        )
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_MEDIATION
    session.refresh_from_db()
    assert session.attendance == ["申请人陈某", "被申请人林某"]


def test_a_session_in_the_past_or_ending_before_it_starts_is_refused(chen):
    case = in_mediation(chen)
    past = timezone.now() - dt.timedelta(days=1)
    with pytest.raises(ValidationError):
        services.schedule_session(
            case=case,
            actor=chen,
            starts_at=past,
            ends_at=past + dt.timedelta(hours=1),
            place="村委会",
        )
    with pytest.raises(ValidationError):
        services.schedule_session(
            case=case, actor=chen, starts_at=tomorrow_at(10), ends_at=tomorrow_at(9), place="村委会"
        )
    assert not MediationSession.objects.filter(status="scheduled").exists()


@pytest.mark.parametrize(
    "bad",
    [
        {"due_date": dt.date(2020, 1, 1)},
        {"amount": Decimal("-1")},
        {"obligor": ""},
    ],
)
def test_an_agreement_with_a_bad_term_is_refused_and_nothing_changes(chen, bad):
    case = in_mediation(chen)
    with pytest.raises(ValidationError):
        services.record_agreement(
            case=case, actor=chen, kind="written", facts="离婚财产分割", terms=[term(**bad)]
        )
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_MEDIATION
    assert not Agreement.objects.exists()


@pytest.mark.usefixtures("file_storage")
def test_a_written_agreement_is_stored_with_its_pdf_and_an_oral_one_is_recorded_as_such(chen):
    written = in_mediation(chen)
    agreement = services.record_agreement(
        case=written, actor=chen, kind="written", facts="离婚财产分割", terms=[term()]
    )
    written.refresh_from_db()
    assert written.status == CaseStatus.AGREEMENT
    assert agreement.document.endswith(".pdf")
    assert MediationFile.objects.get(case=written).outcome == "agreement_written"
    oral = in_mediation(chen)
    spoken = services.record_agreement(
        case=oral, actor=chen, kind="oral", facts="赡养费", terms=[], text="每月给付 500 元"
    )
    assert spoken.document == ""
    assert MediationFile.objects.get(case=oral).outcome == "agreement_oral"
    assert oral.events.filter(text__contains="口头协议").exists()


def test_every_outcome_is_announced_to_listeners(chen):
    heard = []

    def listen(sender, to_status, **kwargs):
        heard.append(to_status)

    case_transitioned.connect(listen)
    try:
        services.fail(case=in_mediation(chen), actor=chen, reason="分歧大")
        services.terminate(case=in_mediation(chen), actor=chen, reason="一方失联")
        services.withdraw(case=in_mediation(chen), actor=chen)
        services.record_agreement(
            case=in_mediation(chen), actor=chen, kind="oral", facts="事实", terms=[term()]
        )
    finally:
        case_transitioned.disconnect(listen)
    assert {"failed", "terminated", "withdrawn", "agreement"} <= set(heard)


def test_closing_without_an_outcome_is_refused_and_says_what_is_allowed(chen):
    case = in_mediation(chen)
    with pytest.raises(TransitionRefused) as caught:
        services.close(case=case, actor=chen)
    assert "达成协议" in caught.value.message
    assert "调解不成" in caught.value.message
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_MEDIATION


def test_nothing_moves_a_closed_case(chen):
    case = in_mediation(chen)
    services.fail(case=case, actor=chen, reason="分歧大")
    case = services.close(case=Case.objects.get(pk=case.pk), actor=chen)
    for verb in (services.start_mediation, services.accept, services.close):
        with pytest.raises(TransitionRefused):
            verb(case=case, actor=chen)
    with pytest.raises(TransitionRefused):
        services.escalate(case=case, actor=chen, reason="再试", has_consent=True)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


def test_after_a_failure_the_parties_are_told_the_other_routes_and_a_referral_is_recorded(chen):
    case = services.fail(case=in_mediation(chen), actor=chen, reason="分歧大")
    told = case.events.get(kind="fail")
    assert told.is_public
    assert "向人民法院起诉" in told.text
    services.refer(case=case, actor=chen, referral="court", note="已告知立案材料")
    assert case.events.filter(kind="referred", is_public=True).exists()
    assert MediationFile.objects.get(case=case).referral == "court"


def test_a_referral_without_a_failure_is_refused(chen):
    case = in_mediation(chen)
    with pytest.raises(TransitionRefused):
        services.refer(case=case, actor=chen, referral="court")


def test_performance_is_tracked_by_follow_up_visits_and_judicial_confirmation_once(chen):
    case = in_mediation(chen)
    services.record_agreement(case=case, actor=chen, kind="written", facts="事实", terms=[term()])
    case.refresh_from_db()
    services.record_follow_up(case=case, actor=chen, performance="partly", note="已付一半")
    assert MediationFile.objects.get(case=case).performance == "partly"
    services.request_judicial_confirmation(case=case, actor=chen)
    with pytest.raises(services.MediationRefused):
        services.request_judicial_confirmation(case=case, actor=chen)
    assert case.events.filter(kind="judicial_confirmation_requested").count() == 1


def test_the_mediation_file_mirrors_the_cases_place_mediator_and_status(chen):
    case = a_case(category=category("marriage_family"), claim_amount=Decimal("80000"))
    file = MediationFile.objects.get(case=case)
    assert (file.organisation, file.status, file.assignee) == (
        org("centre-440804"),
        CaseStatus.RECEIVED,
        None,
    )
    case = services.accept(case=services.route_case(case=case), actor=chen)
    file.refresh_from_db()
    assert (file.organisation, file.status, file.assignee) == (org(ROOM), "accepted", chen)
    assert file.status_changed_at == case.status_changed_at
