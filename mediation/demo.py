"""Demo mediation work for the demo mediator (陈海, 坡头区中心婚姻家庭纠纷调解工作室):
one case waiting for acceptance, one accepted with a session tomorrow, one in mediation.
Idempotent: does nothing once its cases exist."""

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


def _file(description: str, mediator) -> Case:
    data = CaseInput(
        category=DisputeCategory.objects.get(code="marriage_family"),
        village_code=VILLAGE,
        description=f"{MARK}{description}",
        claim_amount=Decimal("80000"),
        parties=[
            PartyInput(side=PartySide.APPLICANT, name="陈某", phone="13812345678"),
            PartyInput(side=PartySide.RESPONDENT, name="林某", phone="13987654321"),
        ],
    )
    case = file_case(data=data, channel="window")
    # The parties ask for the demo mediator, so the demo works whoever else is on the roster;
    # the window sends these to the centre's family workroom by hand.
    MediationFile.objects.filter(case=case).update(requested_mediator=mediator)
    room = Organisation.objects.get(code="room-440804-family")
    return services.route_manually(case=case, organisation=room, actor=None)


def seed() -> list:
    mediator = get_user_model().objects.filter(username="mediator").first()
    if mediator is None or Case.objects.filter(description__startswith=MARK).exists():
        return []
    MediatorProfile.objects.get_or_create(
        user=mediator, defaults={"specialities": ["marriage_family", "neighbourhood"]}
    )
    _file("离婚后子女抚养费给付争议，双方同意调解。", mediator)
    accepted = services.accept(case=_file("夫妻共同财产分割争议。", mediator), actor=mediator)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    starts = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time(9, 30)))
    services.schedule_session(
        case=accepted,
        actor=mediator,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        room=Organisation.objects.get(code="room-440804-family"),
    )
    working = services.accept(case=_file("赡养费给付争议。", mediator), actor=mediator)
    services.start_mediation(case=working, actor=mediator)
    return []
