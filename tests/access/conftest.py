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
    "town": (Role.TOWN_OFFICER, "town-{t}"),
    "petition": (Role.PETITION_OFFICER, "petition-{c}"),
    "police": (Role.POLICE_OFFICER, "police-{c}"),
    "judge": (Role.JUDGE, "fasttrack-{fcourt}"),
    "arbitration": (Role.ARBITRATION_CLERK, "arbitration-{c}"),
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
    tokens: dict[str, str] = field(default_factory=dict)  # county label -> police agency key
    enquiry_password: str = ""

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
            code = pattern.format(
                c=county, v=village, t=village[:9], court=COURT[county],
                fcourt=COURT[county].removeprefix("court-"),
            )  # fmt: skip
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
    _other_doors(world)
    _village_affairs(world)
    _legal_aid(world)
    case_ids = [o.pk for o in world.objects.values() if isinstance(o, Case)] + [
        o.case_id for o in world.objects.values() if getattr(o, "case_id", None)
    ]
    world.case_numbers = list(Case.objects.filter(pk__in=case_ids).values_list("number", flat=True))


def _other_doors(world: World) -> None:
    """A fast-track case, a petition, a police referral and a 12368 password, in county A."""
    from agencies.tokens import issue_token
    from cases.models import CaseStatus
    from cases.services import PartyInput, transition
    from courts import services as courts
    from courts.models import FastTrackCase
    from courts.services import PreLitigationInput, register_pre_litigation
    from enquiries.services import issue_password
    from petitions import services as petitions
    from police import services as police
    from transfers.models import Transfer
    from transfers.services import deliver_transfer

    users = world.users
    plc, _created, _password = register_pre_litigation(
        data=PreLitigationInput(
            court_case_number="（2026）粤0804民诉前调78号",
            court=Organisation.objects.get(code=COURT[COUNTY_A]),
            cause_of_action="买卖合同纠纷",
            parties=[
                PartyInput(side="applicant", name="陈某", phone="13812345678"),
                PartyInput(side="respondent", name="林某", phone="13987654321"),
            ],
            description="货款三万元未付。",
            claim_amount=Decimal("30000"),
        )
    )
    transfer = Transfer.objects.get(case=plc.case)
    deliver_transfer(transfer.pk)
    transfer.refresh_from_db()
    plc = courts.dispatch_pre_litigation(
        plc,
        transfer=transfer,
        target=Organisation.objects.get(code=f"pmc-{GAOLING[:9]}"),
        actor=users["A.bureau"],
    )
    transition(
        plc.case,
        to=CaseStatus.FAILED,
        allowed_from=[CaseStatus.ROUTED],
        actor=users["A.bureau"],
        kind="mediation_failed",
        text="调解不成。",
    )
    plc.refresh_from_db()
    courts.record_filing(plc, number="（2026）粤0804民初77号", actor=users["A.court"])
    world.objects["ftc"] = FastTrackCase.objects.get(pre_litigation=plc)
    world.objects["ftc_plc"] = plc

    petition, _password = petitions.register_petition(
        data=petitions.PetitionInput(
            office=Organisation.objects.get(code=f"petition-{COUNTY_A}"),
            petitioner_name="梁某",
            petitioner_phone="13800138000",
            matter="反映排水沟改道纠纷。",
            channel="visit",
            village_code=GAOLING,
        ),
        actor=users["A.petition"],
    )
    world.objects["petition"] = petition

    agency = Organisation.objects.get(code=f"police-{COUNTY_A}")
    referral, _created, _password = police.receive_referral(
        data=police.ReferralInput(
            agency=agency,
            report_number="坡公交认字〔2026〕第00077号",
            accident_at=timezone.now() - dt.timedelta(days=3),
            place="坡头区官渡镇高岭村路口",
            village_code=GAOLING,
            vehicles=[
                {"plate_number": "粤G12345", "vehicle_type": "小型轿车", "driver_name": "陈某"}
            ],
            responsibility="陈某负事故主要责任。",
            injuries="林某左腿骨折。",
            losses="医疗费。",
            loss_amount=Decimal("38600"),
            parties=[
                PartyInput(side="applicant", name="林某", phone="13987654321"),
                PartyInput(side="respondent", name="陈某", phone="13812345678"),
            ],
            document={},
        )
    )
    world.objects["accident"] = referral
    world.tokens = {
        label: issue_token(Organisation.objects.get(code=f"police-{county}"))[1]
        for label, county in (("A", COUNTY_A), ("B", COUNTY_B))
    }
    world.enquiry_password = issue_password(world.objects["accepted"], actor=users["A.window"])


def _village_affairs(world: World) -> None:
    """高岭村's rule, posting (with a photo and a question), homestead application, parcel and
    ledger entry."""
    from cases.models import DisputeCategory
    from village_affairs import services as va

    clerk, vmediator = world.users["A.village"], world.users["A.vmediator"]
    adopted = va.draft_rule(
        actor=clerk, village_code=GAOLING, title="村规民约", text="第一条 村务公开。"
    )
    va.adopt_rule(
        actor=clerk,
        rule=adopted,
        vote=va.Vote(
            meeting_kind="representatives",
            adopted_on=timezone.localdate() - dt.timedelta(days=3),
            members_total=45,
            present=38,
            votes_for=36,
            votes_against=1,
            votes_abstain=1,
        ),
    )
    world.objects["rule"] = va.revise_rule(actor=clerk, rule=adopted)  # a draft revision
    posting = va.draft_posting(
        actor=clerk,
        village_code=GAOLING,
        data=va.PostingInput(
            kind="finance",
            period_start=dt.date(2026, 9, 1),
            period_end=dt.date(2026, 9, 30),
            title="2026年9月财务收支公开",
            opening_balance=Decimal("1000.00"),
            closing_balance=Decimal("1300.00"),
            lines=(
                va.Line(True, "集体土地租金", Decimal("500.00")),
                va.Line(False, "村道维护", Decimal("200.00")),
            ),
        ),
    )
    world.objects["photo"] = va.add_photo(
        actor=clerk, posting=posting, upload=SimpleUploadedFile("公开栏.jpg", JPEG)
    )
    va.publish_posting(actor=clerk, posting=posting)
    world.objects["posting"] = posting
    world.objects["question"] = va.ask_question(
        posting=posting, asker_name="梁某", text="租金收了谁的？"
    )
    world.objects["application"] = va.submit_application(
        actor=clerk,
        village_code=GAOLING,
        data=va.ApplicationInput(
            head_name="成员0",
            members=(va.Member("成员0", "户主", "440804197003150016"),),
            requested_area=Decimal("100.00"),
            terrain="hill",
            location="北坡新村 1 号地",
            reason="分户建房",
        ),
    )
    world.objects["parcel"] = va.register_parcel(
        actor=clerk,
        village_code=GAOLING,
        number="GL-0077",
        household_head="陈某",
        area=Decimal("120.00"),
        location="高岭村东 3 号",
    )
    world.objects["ledger_entry"] = va.record_ledger_entry(
        actor=vmediator,
        village_code=GAOLING,
        found_on=timezone.localdate(),
        source=va.LedgerSource.values[0],
        parties="陈某、林某",
        category=DisputeCategory.objects.get(code="marriage_family"),
        summary="宅基地边界争执。",
    )


def _legal_aid(world: World) -> None:
    """A migrant worker's wage claim at 坡头区's legal aid centre, under review."""
    from cases.evidence import add_evidence
    from legal_aid import files
    from legal_aid import services as aid
    from legal_aid.models import BadCreditEntry, ExemptReason, MatterType, RosterEntry

    application = aid.apply(
        data=aid.ApplicationInput(
            applicant_name="陈某",
            applicant_phone="13812345670",
            village_code=GAOLING,
            matter_type=MatterType.UNPAID_WAGES,
            opponent="湛江某建筑劳务公司",
            facts="在工地干了8个月，老板欠工资。",
            amount_claimed=Decimal("46000"),
            exempt_reason=ExemptReason.MIGRANT_WORKER,
        ),
        commitment=None,
    )
    officer, lawyer = world.users["A.legalaid"], world.users["A.lawyer"]
    world.objects["aid"] = aid.accept_complete(application, actor=officer)
    # Granted and taken by the county's lawyer on the roster: the file they asked to read, the
    # arbitration it went to, a name on the bad-credit register.
    RosterEntry.objects.create(
        centre=Organisation.objects.get(code=f"legalaid-{COUNTY_A}"),
        lawyer=lawyer,
        law_firm=Organisation.objects.get(code=f"lawfirm-{COUNTY_A}"),
        matter_types=[MatterType.UNPAID_WAGES],
    )
    taken = aid.apply(
        data=aid.ApplicationInput(
            applicant_name="林某",
            applicant_phone="13812345671",
            village_code=GAOLING,
            matter_type=MatterType.UNPAID_WAGES,
            opponent="湛江某物流公司",
            facts="搬运工作半年，工资未结。",
            amount_claimed=Decimal("18000"),
            exempt_reason=ExemptReason.MIGRANT_WORKER,
        ),
        commitment=None,
    )
    taken = aid.grant(aid.accept_complete(taken, actor=officer), actor=officer)
    taken = aid.lawyer_accept(aid.assign(taken, actor=officer, lawyer_id=lawyer.pk), actor=lawyer)
    world.objects["aid_taken"] = taken
    world.objects["aid_evidence"] = add_evidence(
        taken.case, SimpleUploadedFile("工资条.jpg", JPEG), actor=officer
    )
    world.objects["file_access"] = files.grant(
        files.request_for_assignment(
            lawyer=lawyer, application=taken, case=taken.case, reason="阅卷"
        ),
        days=7,
        actor=officer,
    )
    world.objects["arbitration"] = aid.refer_arbitration(taken, actor=officer)
    world.objects["bad_credit"] = BadCreditEntry.objects.create(
        name="失信某", phone="13900000000", reason="提供虚假材料", listed_by=officer
    )


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
