from __future__ import annotations

from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from accounts.models import Role
from accounts.verbs import ActionRefused
from cases.models import CaseStatus
from cases.services import transition
from courts import fast_track, services
from courts.models import FastTrackCase, PreLitigationCase
from deadlines.models import Deadline
from tests.conftest import make_staff, org
from transfers.models import Transfer
from transfers.services import deliver_transfer

from .helpers import court_client, detail_url, push_payload

pytestmark = pytest.mark.django_db


@pytest.fixture
def judge(db):
    return make_staff("ft_judge", Role.JUDGE, "fasttrack-0804")


def failed_case(bureau_officer, *, cause="买卖合同纠纷", amount="30000", n=12):
    number = f"（2026）粤0804民诉前调{n}号"
    court_client().post(
        "/api/v1/court/pre-litigation/",
        push_payload(number, cause_of_action=cause, claim_amount=amount),
        format="json",
    )
    plc = PreLitigationCase.objects.get(court_case_number=number)
    transfer = Transfer.objects.get(case=plc.case)
    deliver_transfer(transfer.pk)
    transfer.refresh_from_db()
    plc = services.dispatch_pre_litigation(
        plc, transfer=transfer, target=org("pmc-440804104"), actor=bureau_officer
    )
    transition(
        plc.case,
        to=CaseStatus.FAILED,
        allowed_from=[CaseStatus.ROUTED],
        actor=bureau_officer,
        kind="mediation_failed",
        text="调解不成。",
    )
    plc.refresh_from_db()
    return plc


def test_a_small_claim_goes_to_the_fast_track_queue_with_a_two_month_clock(
    bureau_officer, court_clerk
):
    plc = failed_case(bureau_officer, amount="30000")

    plc = services.record_filing(plc, number="（2026）粤0804民初7号", actor=court_clerk)

    ftc = FastTrackCase.objects.get(pre_litigation=plc)
    assert (ftc.procedure, ftc.status, ftc.team) == (
        "small_claims",
        "queued",
        org("fasttrack-0804"),
    )
    clock = Deadline.objects.get(case=plc.case, kind="small_claims_trial")
    expected = timezone.localdate(clock.starts_at) + relativedelta(months=2)
    assert clock.due_date >= expected
    assert ftc.due_at == clock.due_at


def test_a_listed_cause_above_the_threshold_gets_the_three_month_simple_procedure(
    bureau_officer, court_clerk
):
    plc = failed_case(bureau_officer, cause="民间借贷纠纷", amount="500000")

    services.record_filing(plc, number="（2026）粤0804民初8号", actor=court_clerk)

    ftc = FastTrackCase.objects.get()
    assert ftc.procedure == "simple"
    assert Deadline.objects.filter(case=plc.case, kind="simple_procedure_trial").exists()


def test_a_complex_case_does_not_enter_the_fast_track(bureau_officer, court_clerk):
    plc = failed_case(bureau_officer, amount="900000")

    services.record_filing(plc, number="（2026）粤0804民初9号", actor=court_clerk)

    assert not FastTrackCase.objects.exists()


def test_a_judge_of_the_team_takes_and_concludes_it(bureau_officer, court_clerk, judge):
    plc = failed_case(bureau_officer)
    services.record_filing(plc, number="（2026）粤0804民初7号", actor=court_clerk)
    ftc = FastTrackCase.objects.get()

    ftc = fast_track.take(ftc, actor=judge)
    ftc = fast_track.conclude(ftc, actor=judge, outcome="当庭调解结案")

    assert (ftc.status, ftc.judge) == ("concluded", judge)
    assert Deadline.objects.get(case=plc.case, kind="small_claims_trial").met_at is not None


def test_a_clerk_cannot_take_and_a_concluded_case_cannot_be_taken(
    bureau_officer, court_clerk, judge
):
    plc = failed_case(bureau_officer)
    services.record_filing(plc, number="（2026）粤0804民初7号", actor=court_clerk)
    ftc = FastTrackCase.objects.get()

    with pytest.raises(ActionRefused) as forbidden:
        fast_track.take(ftc, actor=court_clerk)
    assert forbidden.value.status == 403
    ftc = fast_track.conclude(fast_track.take(ftc, actor=judge), actor=judge, outcome="判决")
    with pytest.raises(ActionRefused) as wrong_state:
        fast_track.take(ftc, actor=judge)
    assert wrong_state.value.code == "wrong_state"


def test_the_clerk_page_shows_both_tracks(client, bureau_officer, court_clerk):
    services.record_filing(
        failed_case(bureau_officer, amount="30000", n=1),
        number="（2026）粤0804民初1号",
        actor=court_clerk,
    )
    services.record_filing(
        failed_case(bureau_officer, amount="900000", n=2),
        number="（2026）粤0804民初2号",
        actor=court_clerk,
    )
    client.force_login(court_clerk)

    page = client.get("/courts/tracks/").content.decode()

    assert "（2026）粤0804民初1号" in page
    assert "小额诉讼程序" in page
    assert "（2026）粤0804民初2号" in page


def test_the_judge_takes_it_on_the_page(client, bureau_officer, court_clerk, judge):
    services.record_filing(
        failed_case(bureau_officer), number="（2026）粤0804民初7号", actor=court_clerk
    )
    ftc = FastTrackCase.objects.get()
    client.force_login(judge)

    response = client.post(f"/courts/fast-track/{ftc.pk}/take/", follow=True)

    assert "已承办" in response.content.decode()
    assert FastTrackCase.objects.get().judge == judge


def test_the_court_system_reads_the_track(bureau_officer, court_clerk):
    plc = failed_case(bureau_officer)
    services.record_filing(plc, number="（2026）粤0804民初7号", actor=court_clerk)

    body = court_client().get(detail_url(plc.court_case_number) + "track/").json()

    assert body["track"] == "simple"
    assert body["procedure"] == "small_claims"
    assert body["fast_track_status"] == "queued"
    assert body["trial_deadline"]


def test_another_court_cannot_read_the_track(bureau_officer, court_clerk):
    plc = failed_case(bureau_officer)

    response = court_client("court-0882").get(detail_url(plc.court_case_number) + "track/")

    assert response.status_code == 404
    assert Decimal(plc.claim_amount) == Decimal("30000")


def test_the_api_takes_like_the_page_and_refuses_a_clerk(bureau_officer, court_clerk, judge):
    from rest_framework.test import APIClient

    services.record_filing(
        failed_case(bureau_officer), number="（2026）粤0804民初7号", actor=court_clerk
    )
    ftc = FastTrackCase.objects.get()
    api = APIClient()
    api.force_authenticate(court_clerk)
    refused = api.post(f"/api/v1/fast-track/{ftc.pk}/take/")
    api.force_authenticate(judge)
    taken = api.post(f"/api/v1/fast-track/{ftc.pk}/take/")

    assert refused.status_code == 403
    assert refused.json()["code"] == "forbidden"
    assert taken.status_code == 200
    assert taken.json()["allowed"] == ["conclude"]


def test_the_trial_clock_reminds_the_fast_track_team_not_the_mediators(bureau_officer, court_clerk):
    from deadlines.reminders import sweep
    from notifications.models import Notification
    from tests.mediation.factories import a_mediator

    team_clerk = make_staff("ft_clerk", Role.COURT_CLERK, "fasttrack-0804")
    town_mediator = a_mediator("town_m", "pmc-440804104")
    plc = failed_case(bureau_officer, amount="30000", n=21)
    services.record_filing(plc, number="（2026）粤0804民初21号", actor=court_clerk)
    clock = Deadline.objects.get(case=plc.case, kind="small_claims_trial")
    assert clock.organisation == org("fasttrack-0804")

    sweep(now=clock.due_at + relativedelta(days=1))

    told = set(
        Notification.objects.filter(link_url=f"/deadlines/{clock.pk}/").values_list(
            "recipient__username", flat=True
        )
    )
    assert team_clerk.username in told
    assert town_mediator.username not in told
