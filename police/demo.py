"""Demo: the 坡头 traffic-police agency's staff login, the traffic workroom's mediator, and one
accident referred to the centre. Safe to run again (keyed by the report number)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from accounts.demo import DEMO_PASSWORD, _demo_user
from accounts.models import Membership, Organisation, Role
from cases.models import PartySide
from cases.services import PartyInput

from . import services

STAFF = [
    ("police", "郑军", Role.POLICE_OFFICER, "police-440804"),
    ("traffic", "何平", Role.MEDIATOR, "room-440804-traffic"),
]
REPORT_NUMBER = "坡公交认字〔2026〕第00012号"


def seed() -> list[tuple[str, str, str]]:
    logins = []
    for username, full_name, role, org_code in STAFF:
        user = _demo_user(username, full_name, is_admin=False)
        Membership.objects.get_or_create(
            user=user, organisation=Organisation.objects.get(code=org_code), role=role
        )
        logins.append((username, DEMO_PASSWORD, str(role.label)))
    agency = Organisation.objects.get(code="police-440804")
    if services.find_referral(agency, REPORT_NUMBER) is None:
        services.receive_referral(data=_demo_referral(agency))
    return logins


def _demo_referral(agency) -> services.ReferralInput:
    accident_at = timezone.now().replace(microsecond=0) - dt.timedelta(days=3)
    vehicles = [
        {"plate_number": "粤G12345", "vehicle_type": "小型轿车", "driver_name": "陈某"},
        {"plate_number": "粤G6789X", "vehicle_type": "电动自行车", "driver_name": "林某"},
    ]
    return services.ReferralInput(
        agency=agency,
        report_number=REPORT_NUMBER,
        accident_at=accident_at,
        place="坡头区官渡镇高岭村路口",
        village_code="440804104207",
        vehicles=vehicles,
        responsibility="陈某负事故主要责任，林某负次要责任。",
        injuries="林某左腿骨折，住院12天。",
        losses="医疗费、误工费、车辆维修费。",
        loss_amount=Decimal("38600.00"),
        parties=[
            PartyInput(side=PartySide.APPLICANT, name="林某", phone="13987654321"),
            PartyInput(side=PartySide.RESPONDENT, name="陈某", phone="13812345678"),
        ],
        document={"report_number": REPORT_NUMBER, "demo": True},
    )
