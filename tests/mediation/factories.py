from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from accounts import pii
from accounts.models import Role
from cases.models import Case, DisputeCategory
from mediation import services
from mediation.models import MediationSession, MediatorProfile, SessionStatus
from tests.cases.factories import GAOLING, a_case
from tests.conftest import make_staff, org

GUANDU_TOWN = GAOLING[:9]


def a_mediator(username: str, org_code: str, *, specialities=(), id_number: str = "", **profile):
    user = make_staff(username, Role.MEDIATOR, org_code, last_name=username[:1].upper())
    MediatorProfile.objects.create(
        user=user,
        specialities=list(specialities),
        id_number_hash=pii.lookup_hash(id_number),
        **profile,
    )
    return user


def a_routed_case(**overrides) -> Case:
    case = a_case(**overrides)
    return services.route_case(case=case)


def category(code: str) -> DisputeCategory:
    return DisputeCategory.objects.get(code=code)


def labour_case(**overrides) -> Case:
    return a_case(category=category("labour"), claim_amount=Decimal("8000"), **overrides)


def an_accepted_case(mediator, **overrides) -> Case:
    """A family dispute over 50,000 yuan in 坡头区: it goes to the centre's family room."""
    overrides.setdefault("category", category("marriage_family"))
    overrides.setdefault("claim_amount", Decimal("80000"))
    case = services.route_case(case=a_case(**overrides))
    assert case.organisation == org("room-440804-family")
    case = services.accept(case=case, actor=mediator) if case.assignee == mediator else case
    return case


def in_mediation(mediator, *, held: bool = True, **overrides) -> Case:
    """A case in mediation that has had its first session (an agreement comes out of a held
    session); ``held=False`` for one started without any."""
    case = an_accepted_case(mediator, **overrides)
    case = services.start_mediation(case=case, actor=mediator)
    if held:
        starts = timezone.now() - dt.timedelta(hours=2)
        MediationSession.objects.create(
            case=case,
            place="村委会会议室",
            mediator=mediator,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=1),
            status=SessionStatus.HELD,
            attendance=["申请人陈某", "被申请人林某"],
            minutes="双方陈述了各自意见。",
        )
    return case


def tomorrow_at(hour: int, minute: int = 0) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))
