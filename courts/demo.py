"""Demo pre-litigation cases for 坡头区 court: one waiting for the bureau, one in mediation,
one failed and awaiting 转立案. Safe to run again (keyed by the court's case number)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import get_user_model

from accounts.models import Organisation
from cases.models import CaseStatus, PartySide
from cases.record import recorded
from cases.services import PartyInput, transition
from transfers.models import Transfer
from transfers.services import deliver_transfer

from . import fast_track_demo, services

DEMO = [
    ("（2026）粤0804民诉前调1号", "民间借贷纠纷", "30000", None),
    ("（2026）粤0804民诉前调2号", "买卖合同纠纷", "120000", "dispatch"),
    ("（2026）粤0804民诉前调3号", "房屋租赁合同纠纷", "80000", "fail"),
]


def seed() -> list:
    court = Organisation.objects.get(code="court-0804")
    bureau_user = get_user_model().objects.filter(username="bureau").first()
    for number, cause, amount, step in DEMO:
        plc, created, _password = services.register_pre_litigation(
            data=services.PreLitigationInput(
                court_case_number=number,
                court=court,
                cause_of_action=cause,
                claim_amount=Decimal(amount),
                description="演示案件：当事人就款项支付发生争议。",
                parties=[
                    PartyInput(side=PartySide.APPLICANT, name="陈某", phone="13812345678"),
                    PartyInput(side=PartySide.RESPONDENT, name="林某", phone="13987654321"),
                ],
            )
        )
        if created:
            _advance(plc, step, bureau_user)
    return fast_track_demo.seed()


def _advance(plc, step: str | None, actor) -> None:
    transfer = Transfer.objects.get(case=plc.case, kind="delegate_pre_litigation")
    deliver_transfer(transfer.pk)
    if step is None:
        return
    transfer.refresh_from_db()
    target = Organisation.objects.get(code="pmc-440804104")
    plc = services.dispatch_pre_litigation(plc, transfer=transfer, target=target, actor=actor)
    if step == "fail":
        transition(
            plc.case,
            to=CaseStatus.FAILED,
            allowed_from=[CaseStatus.ROUTED],
            actor=actor,
            kind="mediation_failed",
            text=recorded("双方对还款期限分歧较大，调解不成。"),
        )
