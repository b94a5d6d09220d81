"""Demo legal aid at 坡头区法律援助处: applications at each stage (one referred from a failed
mediation), a wage claim before the labour arbitration committee with its award clock
running, a closed matter with money recovered, and the demo lawyer reading a case file.
Logins: the centre's officer ``legalaid``, the law firm's ``lawyer``, a duty lawyer at the
centre ``dutylawyer`` and the arbitration committee's ``arbitration``.

Idempotent: does nothing once its applications exist."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from accounts.demo import DEMO_PASSWORD, _demo_user
from accounts.models import Membership, Organisation, Role
from cases.models import Case

from . import files, services
from .models import (
    Application,
    ApplicationChannel,
    BadCreditEntry,
    CommitmentChannel,
    ExemptReason,
    FileAccessLog,
    MatterType,
    OutcomeResult,
    RosterEntry,
    SignatureMethod,
    TerminationGround,
)

MARK = "【演示】"
VILLAGE = "440804104207"
CENTRE = "legalaid-440804"
EXTRA_STAFF = [
    ("dutylawyer", "何律", Role.LAWYER, CENTRE),
    ("arbitration", "冯仲", Role.ARBITRATION_CLERK, "arbitration-440804"),
]


def seed() -> list[tuple[str, str, str]]:
    logins = _staff()
    officer = get_user_model().objects.filter(username="legalaid").first()
    lawyer = get_user_model().objects.filter(username="lawyer").first()
    if officer is None or lawyer is None:
        return logins
    _roster(lawyer)
    if Application.objects.filter(facts__startswith=MARK).exists():
        return logins
    with transaction.atomic():
        _applications(officer, lawyer)
    _referral(officer)
    return logins


def _staff() -> list[tuple[str, str, str]]:
    rows = []
    for username, name, role, org_code in EXTRA_STAFF:
        user = _demo_user(username, name, is_admin=False)
        Membership.objects.get_or_create(
            user=user, organisation=Organisation.objects.get(code=org_code), role=role
        )
        rows.append((username, DEMO_PASSWORD, str(role.label)))
    return rows


def _roster(lawyer) -> None:
    centre = Organisation.objects.get(code=CENTRE)
    RosterEntry.objects.get_or_create(
        centre=centre,
        lawyer=lawyer,
        defaults={
            "law_firm": Organisation.objects.get(code="lawfirm-demo"),
            "matter_types": [MatterType.UNPAID_WAGES, MatterType.WORK_INJURY],
        },
    )
    duty = get_user_model().objects.get(username="dutylawyer")
    RosterEntry.objects.get_or_create(
        centre=centre,
        lawyer=duty,
        defaults={"is_duty_lawyer": True, "matter_types": [MatterType.MAINTENANCE]},
    )
    BadCreditEntry.objects.get_or_create(
        phone="13700000001",
        defaults={"name": "郑某", "reason": "2025年虚假承诺获得法律援助，已终止并追回费用。"},
    )


def _apply(name: str, phone: str, matter: str, opponent: str, facts: str, **extra) -> Application:
    data = services.ApplicationInput(
        applicant_name=name,
        applicant_phone=phone,
        village_code=VILLAGE,
        matter_type=matter,
        opponent=opponent,
        facts=f"{MARK}{facts}",
        amount_claimed=extra.pop("amount", None),
        **extra,
    )
    sign = services.CommitmentInput(
        method=SignatureMethod.SMS_CODE, channel=CommitmentChannel.ONLINE
    )
    return services.apply(
        data=data,
        commitment=None if data.exempt_reason else sign,
        channel=ApplicationChannel.ONLINE,
    )


def _applications(officer, lawyer) -> None:
    _apply("黄某", "13800000011", MatterType.MAINTENANCE, "黄某某", "儿子多年不给赡养费。")
    waiting = _apply(
        "吴某",
        "13800000012",
        MatterType.ACCIDENT_INJURY,
        "某运输公司",
        "交通事故受伤，对方拒绝赔偿医疗费。",
        amount=Decimal("42000"),
    )
    services.request_materials(
        waiting, missing="交通事故责任认定书；医疗费票据；误工证明。", actor=officer
    )
    review = _apply(
        "林某",
        "13800000013",
        MatterType.SOCIAL_INSURANCE,
        "某镇社保所",
        "工伤后社保待遇一直未发放。",
    )
    services.accept_complete(review, actor=officer)
    granted = _apply(
        "梁某",
        "13800000014",
        MatterType.BEREAVEMENT_PENSION,
        "某区退役军人事务局",
        "父亲去世后抚恤金未发放。",
    )
    services.grant(services.accept_complete(granted, actor=officer), actor=officer)
    refused = _apply(
        "郭某",
        "13800000015",
        MatterType.OTHER,
        "某商贸公司",
        "买卖合同纠纷，要求退货退款。",
        amount=Decimal("300000"),
    )
    services.refuse(
        services.accept_complete(refused, actor=officer),
        reasons="所申请事项不属于法律援助事项范围，且家庭收入高于本地经济困难标准。",
        actor=officer,
    )
    services.object_to(refused, text="我认为家庭收入计算有误，请司法局复查。", actor=officer)
    wages = _apply(
        "陈某",
        "13800000016",
        MatterType.UNPAID_WAGES,
        "湛江某建筑劳务公司",
        "在工地干了8个月，老板欠工资4.6万元不给。",
        amount=Decimal("46000"),
        exempt_reason=ExemptReason.MIGRANT_WORKER,
    )
    wages = _to_lawyer(wages, officer, lawyer)
    link = services.refer_arbitration(wages, actor=lawyer, note="欠薪4.6万元，申请劳动仲裁。")
    _committee_accepts(link)
    _reading(wages, officer, lawyer)
    done = _apply(
        "刘某",
        "13800000017",
        MatterType.WORK_INJURY,
        "某水产加工厂",
        "在厂里切伤右手，工伤赔偿一直谈不拢。",
        amount=Decimal("128000"),
        exempt_reason=ExemptReason.MIGRANT_WORKER,
    )
    done = _to_lawyer(done, officer, lawyer)
    services.close(
        done,
        result=OutcomeResult.SETTLED,
        amount_recovered=Decimal("116000"),
        satisfaction=5,
        note="仲裁中达成调解，一次性付清。",
        actor=lawyer,
    )
    ended = _apply(
        "赵某",
        "13800000018",
        MatterType.UNPAID_WAGES,
        "某装修队",
        "装修工资被拖欠。",
        exempt_reason=ExemptReason.MIGRANT_WORKER,
    )
    ended = _to_lawyer(ended, officer, lawyer)
    services.terminate(
        ended, ground=TerminationGround.OWN_LAWYER, text="受援人另行委托了律师。", actor=officer
    )


def _to_lawyer(application: Application, officer, lawyer) -> Application:
    application = services.accept_complete(application, actor=officer)
    application = services.grant(
        application, actor=officer, text="农民工追索劳动报酬，免予经济困难审查。"
    )
    application = services.assign(application, actor=officer, lawyer_id=lawyer.pk)
    return services.lawyer_accept(application, actor=lawyer)


def _committee_accepts(link) -> None:
    from transfers.services import accept_transfer, deliver_transfer

    clerk = get_user_model().objects.get(username="arbitration")
    deliver_transfer(link.transfer_id)
    link.transfer.refresh_from_db()
    accept_transfer(link.transfer, actor=clerk, note="已受理，仲裁庭组成后通知双方。")


def _reading(application: Application, officer, lawyer) -> None:
    access = files.request_for_assignment(
        lawyer=lawyer, application=application, case=application.case, reason="准备仲裁材料"
    )
    files.grant(access, days=7, actor=officer)
    FileAccessLog.objects.create(
        access=access,
        action=FileAccessLog.Action.VIEW,
        at=access.starts_at + dt.timedelta(minutes=5),
    )


def _referral(officer) -> None:
    """The real path: a failed mediation referred to legal aid, accepted by the officer."""
    from mediation import demo as mediation_demo
    from mediation import services as mediation
    from mediation.models import Referral
    from transfers.models import Transfer
    from transfers.services import accept_transfer, deliver_transfer

    mediator = get_user_model().objects.filter(username="mediator").first()
    if mediator is None:
        return
    case: Case = mediation_demo._file("老人的三个子女均不履行赡养义务，调解未果。", mediator)
    case = mediation.accept(case=case, actor=mediator)
    case = mediation.start_mediation(case=case, actor=mediator)
    case = mediation.fail(case=case, actor=mediator, reason="被申请人拒不到场。")
    mediation.refer(
        case=case,
        actor=mediator,
        referral=Referral.LEGAL_AID,
        has_consent=True,
        consent_note="申请人同意",
    )
    transfer = Transfer.objects.filter(case=case).order_by("-id").first()
    deliver_transfer(transfer.pk)
    transfer.refresh_from_db()
    accept_transfer(transfer, actor=officer)
