"""Demo mediation work for the demo mediator (陈海, 坡头区中心婚姻家庭纠纷调解工作室):
one case waiting for acceptance, one accepted with a session tomorrow, one in mediation, and
one of each paper: a written agreement with its PDF and the parties' application for judicial
confirmation, a refusal to accept and a termination with their notices.
Idempotent: each demo case is made once (found again by its description)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.models import Organisation
from cases.models import Case, DisputeCategory, PartySide
from cases.services import CaseInput, PartyInput, file_case

from . import services
from .models import MediationFile, MediatorProfile

MARK = "【演示】"
VILLAGE = "440804104207"


def _parties() -> list[PartyInput]:
    """With the basic facts the agreement states; sex and birth date come from the ID."""
    return [
        PartyInput(
            side=PartySide.APPLICANT,
            name="陈某",
            phone="13812345678",
            id_number="440882198512310042",
            ethnicity="汉族",
            occupation="坡头区官渡镇个体户",
            address="湛江市坡头区官渡镇高岭村三巷5号",
        ),
        PartyInput(
            side=PartySide.RESPONDENT,
            name="林某",
            phone="13987654321",
            id_number="440802199001011238",
            ethnicity="汉族",
            occupation="湛江某水产公司职工",
            address="湛江市坡头区南调街道海湾路8号",
        ),
    ]


def _file(description: str, mediator) -> Case:
    data = CaseInput(
        category=DisputeCategory.objects.get(code="marriage_family"),
        village_code=VILLAGE,
        description=f"{MARK}{description}",
        claim_amount=Decimal("80000"),
        parties=_parties(),
    )
    case = file_case(data=data, channel="window")
    # The parties ask for the demo mediator, so the demo works whoever else is on the roster;
    # the window sends these to the centre's family workroom by hand.
    MediationFile.objects.filter(case=case).update(requested_mediator=mediator)
    room = Organisation.objects.get(code="room-440804-family")
    return services.route_manually(case=case, organisation=room, actor=None)


def seed() -> list:
    mediator = get_user_model().objects.filter(username="mediator").first()
    if mediator is None:
        return []
    MediatorProfile.objects.get_or_create(
        user=mediator, defaults={"specialities": ["marriage_family", "neighbourhood"]}
    )
    for description, make in DEMO_CASES:
        if not Case.objects.filter(description=f"{MARK}{description}").exists():
            make(_file(description, mediator), mediator)
    return []


def _waiting(case: Case, mediator) -> None:
    """Routed to the demo mediator, waiting for acceptance."""


def _with_session(case: Case, mediator) -> None:
    accepted = services.accept(case=case, actor=mediator)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    starts = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time(9, 30)))
    services.schedule_session(
        case=accepted,
        actor=mediator,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        room=Organisation.objects.get(code="room-440804-family"),
    )


def _in_mediation(case: Case, mediator) -> Case:
    return services.start_mediation(case=services.accept(case=case, actor=mediator), actor=mediator)


def _agreed(case: Case, mediator) -> None:
    """A written agreement (its PDF stored) for which the parties apply for confirmation."""
    services.record_agreement(
        case=_in_mediation(case, mediator),
        actor=mediator,
        kind="written",
        facts="双方于2019年登记离婚，婚生子随申请人生活。被申请人自2025年起未按约支付抚养费，"
        "双方就欠付金额和今后的支付方式发生争议。",
        terms=[
            services.TermInput(
                obligor="林某",
                action="向陈某一次性支付所欠抚养费",
                amount=Decimal("12000"),
                due_date=timezone.localdate() + dt.timedelta(days=30),
            ),
            services.TermInput(
                obligor="林某",
                action="自下月起每月10日前向陈某支付抚养费",
                amount=Decimal("1500"),
            ),
        ],
        text="双方就本纠纷再无其他争议。",
        judicial_confirmation=True,
        on_the_spot_reason="双方一同到中心婚姻家庭纠纷调解工作室，经当场调解达成一致。",
    )


def _not_accepted(case: Case, mediator) -> None:
    services.not_accept(
        case=case,
        actor=mediator,
        reason="被申请人明确拒绝人民调解，表示将直接向人民法院起诉",
    )


def _terminated(case: Case, mediator) -> None:
    services.terminate(
        case=_in_mediation(case, mediator),
        actor=mediator,
        reason="申请人要求终止调解",
    )


DEMO_CASES = [
    ("离婚后子女抚养费给付争议，双方同意调解。", _waiting),
    ("夫妻共同财产分割争议。", _with_session),
    ("赡养费给付争议。", lambda case, mediator: _in_mediation(case, mediator)),
    ("离婚后抚养费欠付争议，已达成书面协议。", _agreed),
    ("彩礼返还争议，被申请人拒绝调解。", _not_accepted),
    ("婚后房屋出资争议，申请人要求终止调解。", _terminated),
]
