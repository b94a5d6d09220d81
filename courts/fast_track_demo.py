"""Demo: the 坡头 court's fast-track judge and clerk, and one simple case in their queue after
转立案. Safe to run again (keyed by the court's case number)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import get_user_model

from accounts.demo import DEMO_PASSWORD, _demo_user
from accounts.models import Membership, Organisation, Role
from cases.models import CaseStatus, PartySide
from cases.record import recorded
from cases.services import PartyInput, transition
from transfers.models import Transfer
from transfers.services import deliver_transfer

from . import services
from .fast_track import team_code

STAFF = [
    ("ftjudge", "邱然", Role.JUDGE),
    ("ftclerk", "蔡琳", Role.COURT_CLERK),
]
NUMBER = "（2026）粤0804民诉前调4号"
FILING_NUMBER = "（2026）粤0804民初201号"


def seed() -> list[tuple[str, str, str]]:
    court = Organisation.objects.get(code="court-0804")
    team = Organisation.objects.get(code=team_code(court.court_code))
    logins = []
    for username, full_name, role in STAFF:
        user = _demo_user(username, full_name, is_admin=False)
        Membership.objects.get_or_create(user=user, organisation=team, role=role)
        logins.append((username, DEMO_PASSWORD, f"{role.label}（{team.name}）"))
    plc, created, _password = services.register_pre_litigation(
        data=services.PreLitigationInput(
            court_case_number=NUMBER,
            court=court,
            cause_of_action="民间借贷纠纷",
            claim_amount=Decimal("20000"),
            description="演示案件：借款到期未还。",
            parties=[
                PartyInput(side=PartySide.APPLICANT, name="冯某", phone="13711112222"),
                PartyInput(side=PartySide.RESPONDENT, name="袁某", phone="13733334444"),
            ],
        )
    )
    if created:
        _fail_and_file(plc)
    return logins


def _fail_and_file(plc) -> None:
    bureau = get_user_model().objects.filter(username="bureau").first()
    transfer = Transfer.objects.get(case=plc.case, kind="delegate_pre_litigation")
    deliver_transfer(transfer.pk)
    transfer.refresh_from_db()
    target = Organisation.objects.get(code="pmc-440804104")
    plc = services.dispatch_pre_litigation(plc, transfer=transfer, target=target, actor=bureau)
    transition(
        plc.case,
        to=CaseStatus.FAILED,
        allowed_from=[CaseStatus.ROUTED],
        actor=bureau,
        kind="mediation_failed",
        text=recorded("被申请人表示无力还款，调解不成。"),
    )
    plc.refresh_from_db()
    services.record_filing(plc, number=FILING_NUMBER, actor=None)
