"""The access matrix's world: personas of every role in two counties, and county A's objects.

County A is 坡头区 (440804), where every object lives; county B is 赤坎区 (440802), whose staff
must never reach them. The world is built once per module through the services, inside a
transaction that is rolled back at the end; every request of the matrix runs in a savepoint of
its own that is rolled back too, so a verb never changes what the next request sees.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.models import Membership, Organisation, OrganisationKind, Role
from tests.cases.factories import GAOLING, a_case

COUNTY_A = "440804"  # 坡头区
COUNTY_B = "440802"  # 赤坎区
COURT = {COUNTY_A: "court-0804", COUNTY_B: "court-0802"}
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 200

# persona suffix -> (role, organisation code pattern); {c} is the county, {v} its village,
# {t} the village's town.
COUNTY_ROLES = {
    "window": (Role.WINDOW_CLERK, "window-{c}"),
    "mediator": (Role.MEDIATOR, "room-{c}-family"),
    "supervisor": (Role.CENTRE_SUPERVISOR, "centre-{c}"),
    "court": (Role.COURT_CLERK, "{court}"),
    "bureau": (Role.BUREAU_OFFICER, "bureau-{c}"),
    "legalaid": (Role.LEGAL_AID_OFFICER, "legalaid-{c}"),
    "lawyer": (Role.LAWYER, "lawfirm-{c}"),
    "village": (Role.VILLAGE_CLERK, "vc-{v}"),
    "vmediator": (Role.MEDIATOR, "pmc-{v}"),  # the village mediation committee's mediator
    "tmediator": (Role.MEDIATOR, "pmc-{t}"),  # the town mediation committee's mediator
}
CITY_ROLES = {"leader": (Role.CITY_LEADER, "plc-city"), "admin": (Role.ADMINISTRATOR, "plc-city")}


def persona_names() -> list[str]:
    names = [f"{county}.{key}" for county in ("A", "B") for key in COUNTY_ROLES]
    return [*names, *CITY_ROLES, "inactive", "anon"]


@dataclass
class World:
    users: dict[str, object] = field(default_factory=dict)  # persona -> user (anon: None)
    sessions: dict[str, str] = field(default_factory=dict)  # persona -> session key
    objects: dict[str, object] = field(default_factory=dict)
    case_numbers: list[str] = field(default_factory=list)  # county A's, for the leak check

    def __getitem__(self, key: str):
        return self.objects[key]


def _village_of(county: str) -> str:
    from villages.models import Region

    if county == COUNTY_A:
        return GAOLING
    return (
        Region.objects.filter(level="village", code__startswith=county)
        .order_by("code")
        .values_list("code", flat=True)
        .first()
    )


def _staff(username: str, role: str, org_code: str, **extra):
    from mediation.models import MediatorProfile

    user = get_user_model().objects.create_user(
        username=username, password=None, last_name=username[:1].upper(), **extra
    )
    Membership.objects.create(
        user=user, organisation=Organisation.objects.get(code=org_code), role=role
    )
    if role == Role.MEDIATOR:
        MediatorProfile.objects.create(user=user, specialities=[])
    return user


def _personas(world: World) -> None:
    for county, label in ((COUNTY_A, "A"), (COUNTY_B, "B")):
        village = _village_of(county)
        Organisation.objects.get_or_create(
            code=f"lawfirm-{county}",
            defaults={"name": f"律师事务所{county}", "kind": OrganisationKind.LAW_FIRM},
        )
        for key, (role, pattern) in COUNTY_ROLES.items():
            code = pattern.format(c=county, v=village, t=village[:9], court=COURT[county])
            world.users[f"{label}.{key}"] = _staff(f"{label}_{key}", role, code)
    for key, (role, code) in CITY_ROLES.items():
        admin = role == Role.ADMINISTRATOR
        world.users[key] = _staff(key, role, code, is_staff=admin, is_superuser=admin)
    world.users["anon"] = None


def _tomorrow(hour: int) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _family_case(**overrides):
    from cases.models import DisputeCategory

    overrides.setdefault("category", DisputeCategory.objects.get(code="marriage_family"))
    overrides.setdefault("claim_amount", Decimal("80000"))
    return a_case(**overrides)


def _objects(world: World) -> None:
    from cases.evidence import add_evidence
    from cases.models import Case
    from cases.services import PartyInput
    from courts.services import PreLitigationInput, register_pre_litigation
    from deadlines.models import CalendarToken, Deadline
    from deadlines.services import start_deadline
    from mediation import services as mediation
    from mediation.models import Agreement
    from notifications.models import Notification
    from transfers.models import Transfer

    users = world.users
    mediator, supervisor, window = users["A.mediator"], users["A.supervisor"], users["A.window"]
    room = Organisation.objects.get(code=f"room-{COUNTY_A}-family")
    window_org = Organisation.objects.get(code=f"window-{COUNTY_A}")

    def routed():
        case = mediation.route_case(case=_family_case())
        assert case.organisation_id == room.pk, case.organisation
        if case.assignee_id != mediator.pk:
            case = mediation.reassign(case=case, mediator=mediator, actor=supervisor, reason="测试")
        return case

    # Filed at the window by its clerk and not yet routed.
    world.objects["filed"] = a_case(channel="window", organisation=window_org, actor=window)
    # Filed at the window, then routed by the rules to 高岭村's committee: the clerk keeps
    # read access (issue 9); the centre's supervisor acts over the committee.
    walk_in = a_case(channel="window", organisation=window_org, actor=window)
    village = mediation.route_case(case=walk_in)
    assert village.organisation.code == f"pmc-{GAOLING}", village.organisation
    assert village.assignee_id == users["A.vmediator"].pk
    world.objects["village"] = village
    world.objects["routed"] = routed()
    world.objects["accepted"] = mediation.accept(case=routed(), actor=mediator)
    mediating = mediation.start_mediation(
        case=mediation.accept(case=routed(), actor=mediator), actor=mediator
    )
    world.objects["session"] = mediation.schedule_session(
        case=mediating, actor=mediator, starts_at=_tomorrow(9), ends_at=_tomorrow(10), room=room
    )
    world.objects["mediating"] = Case.objects.get(pk=mediating.pk)
    agreed = mediation.start_mediation(
        case=mediation.accept(case=routed(), actor=mediator), actor=mediator
    )
    held = mediation.schedule_session(
        case=agreed, actor=mediator, starts_at=_tomorrow(14), ends_at=_tomorrow(15), room=room
    )
    with time_machine.travel(_tomorrow(15) + dt.timedelta(minutes=5)):
        mediation.record_session(session=held, actor=mediator, attendance=["陈某"], minutes="笔录")
        mediation.record_agreement(
            case=Case.objects.get(pk=agreed.pk),
            actor=mediator,
            kind="written",
            facts="离婚财产分割",
            terms=[
                mediation.TermInput(
                    obligor="林某",
                    action="支付补偿款",
                    amount=Decimal("5000"),
                    due_date=timezone.localdate() + dt.timedelta(days=30),
                )
            ],
        )
    world.objects["agreed"] = Case.objects.get(pk=agreed.pk)
    world.objects["agreement"] = Agreement.objects.get(case=agreed)
    # Failed in the hands of a mediator whose membership was switched off afterwards: the
    # case is still assigned to them (issue 9: refused everywhere all the same).
    former = _staff("A_former", Role.MEDIATOR, f"room-{COUNTY_A}-family")
    failing = mediation.reassign(case=routed(), mediator=former, actor=supervisor, reason="测试")
    failing = mediation.start_mediation(
        case=mediation.accept(case=failing, actor=former), actor=former
    )
    world.objects["failed"] = mediation.fail(case=failing, actor=former, reason="双方分歧太大")
    Membership.objects.filter(user=former).update(is_active=False)
    users["inactive"] = former
    CalendarToken.objects.create(user=former, token="calendar-of-a-switched-off-member")

    # Failed and referred to the county's legal aid: a hand-off the legal-aid officer answers.
    referred = mediation.start_mediation(
        case=mediation.accept(case=routed(), actor=mediator), actor=mediator
    )
    referred = mediation.fail(case=referred, actor=mediator, reason="需要法律援助")
    mediation.refer(case=referred, actor=mediator, referral="legal_aid", has_consent=True)
    world.objects["referred"] = referred
    world.objects["referral"] = Transfer.objects.get(case=referred)

    world.objects["evidence"] = add_evidence(
        world.objects["accepted"], SimpleUploadedFile("现场.jpg", JPEG), actor=mediator
    )
    deadline = Deadline.objects.filter(case=world.objects["accepted"]).first()
    if deadline is None:
        deadline = start_deadline(
            case=world.objects["accepted"], kind=mediation.DEADLINE_KIND, actor=mediator
        )
    world.objects["deadline"] = deadline
    world.objects["room"] = room
    world.objects["notification"] = Notification.objects.create(
        recipient=mediator, kind="test", title="新案件", link_url="/desk/"
    )
    plc, _created, _password = register_pre_litigation(
        data=PreLitigationInput(
            court_case_number="（2026）粤0804民诉前调77号",
            court=Organisation.objects.get(code=COURT[COUNTY_A]),
            cause_of_action="民间借贷纠纷",
            parties=[
                PartyInput(side="applicant", name="陈某", phone="13812345678"),
                PartyInput(side="respondent", name="林某", phone="13987654321"),
            ],
            description="借款三万元到期未还。",
            claim_amount=Decimal("30000"),
        )
    )
    world.objects["plc"] = plc
    world.objects["delegation"] = Transfer.objects.get(case=plc.case)
    case_ids = [o.pk for o in world.objects.values() if isinstance(o, Case)] + [plc.case_id]
    world.case_numbers = list(Case.objects.filter(pk__in=case_ids).values_list("number", flat=True))


def _log_in(world: World) -> None:
    from django.test import Client

    for name, user in world.users.items():
        if user is None:
            continue
        client = Client()
        client.force_login(user)
        world.sessions[name] = client.cookies["sessionid"].value


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once per module in a transaction that is never committed."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built = World()
            _personas(built)
            _objects(built)
            _log_in(built)
            yield built
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
