"""A data set with cases on both sides of every boundary the figures have: month ends (in
Beijing time), the same month a year before, and the edge between two counties' scopes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from accounts.models import Organisation
from cases.models import Case, DisputeCategory
from courts.models import PreLitigationCase
from mediation.models import Agreement, AgreementTerm, MediationFile
from stats.models import ReportMark, ServiceActivity
from tests.cases.factories import a_case
from transfers.models import Transfer

BEIJING = ZoneInfo("Asia/Shanghai")
POTOU_VILLAGE = "440804104207"  # 坡头区
LEIZHOU_VILLAGE = None  # found at run time: a village of 雷州市 (440882)


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BEIJING)


# Moments either side of the end of March 2026 and of March 2025, and inside both Marches.
MOMENTS = [
    at(2026, 2, 28, 23, 59, 59),
    at(2026, 3, 1, 0, 0, 0),
    at(2026, 3, 15, 12),
    at(2026, 3, 31, 23, 59, 59),
    at(2026, 4, 1, 0, 0, 0),
    at(2025, 3, 1, 0, 0, 0),
    at(2025, 3, 31, 23, 59, 59),
    at(2025, 4, 1, 0, 0, 0),
]


def leizhou_village() -> str:
    from villages.models import Region

    return Region.objects.filter(code__startswith="440882", level="village").first().code


def seed() -> list[Case]:
    categories = list(DisputeCategory.objects.order_by("code")[:3])
    places = [
        (POTOU_VILLAGE, Organisation.objects.get(code="centre-440804")),
        (leizhou_village(), Organisation.objects.get(code="centre-440882")),
    ]
    cases = []
    for i, moment in enumerate(MOMENTS):
        for j, (village, organisation) in enumerate(places):
            case = a_case(
                village_code=village,
                organisation=organisation,
                category=categories[(i + j) % 3],
                channel=["online", "window", "court_push"][(i + j) % 3],
            )
            Case.objects.filter(pk=case.pk).update(filed_at=moment)
            case.refresh_from_db()
            cases.append(case)
    _outcomes(cases)
    _court(cases)
    _transfers(cases, [organisation for _village, organisation in places])
    _activities()
    return cases


def _outcomes(cases: list[Case]) -> None:
    """Outcomes a few days after filing, some across a month end."""
    for n, case in enumerate(cases):
        if n % 4 == 3:
            continue  # still open
        outcome = ["agreement_written", "failed", "agreement_oral"][n % 3]
        outcome_at = case.filed_at + dt.timedelta(days=n % 5, hours=1)
        MediationFile.objects.filter(case=case).update(outcome=outcome, outcome_at=outcome_at)
        if outcome.startswith("agreement"):
            agreement = Agreement.objects.create(
                case=case, kind="written", facts="…", reached_at=outcome_at
            )
            AgreementTerm.objects.create(
                agreement=agreement,
                obligor="林某",
                action="赔偿",
                amount=Decimal("1234.50") * (n + 1),
            )
        if n % 5 == 0:
            ReportMark.objects.create(
                case=case,
                prevented_criminal=True,
                prevented_group_petition=n % 2 == 0,
                marked_at=outcome_at,
            )
    overdue = cases[3]
    Case.objects.filter(pk=overdue.pk).update(next_due_at=at(2026, 4, 2))


def _court(cases: list[Case]) -> None:
    court = Organisation.objects.get(code="court-0804")
    for n, case in enumerate(c for c in cases if c.channel == "court_push"):
        PreLitigationCase.objects.create(
            case=case,
            court=court,
            court_case_number=f"（2026）粤0804民诉前调{100 + n}号",
            cause_of_action="民间借贷纠纷",
            status=["success", "failed", "dispatched"][n % 3],
            due_at=case.filed_at + dt.timedelta(days=30),
            special_case_number="（2026）粤0804民特1号" if n % 3 == 0 else "",
            first_instance_number="（2026）粤0804民初9号" if n % 3 == 1 else "",
            enquiry_password_hash="x",
        )


def _transfers(cases: list[Case], centres: list[Organisation]) -> None:
    """Each case handed to the other county's centre when it was filed (so the receiver's
    scope is not the case's), answered 0-2 days later: some across a month end, some refused,
    some not answered yet."""
    for n, case in enumerate(cases):
        receiver = centres[1] if case.organisation_id == centres[0].pk else centres[0]
        answered_at = case.filed_at + dt.timedelta(days=n % 3, minutes=5)
        status = ["accepted", "rejected", "delivered"][n % 3]
        Transfer.objects.create(
            case=case,
            from_organisation_id=case.organisation_id,
            to_organisation=receiver,
            kind=["refer_legal_aid", "escalate"][n % 2],
            status=status,
            created_at=case.filed_at,
            delivered_at=case.filed_at,
            answered_at=None if status == "delivered" else answered_at,
        )


def _activities() -> None:
    organisation = Organisation.objects.get(code="centre-440804")
    for n, day in enumerate(
        [dt.date(2026, 2, 28), dt.date(2026, 3, 1), dt.date(2026, 3, 31), dt.date(2026, 4, 1)]
    ):
        ServiceActivity.objects.create(
            organisation=organisation,
            kind="legal_education",
            title=f"普法进村 {n}",
            held_on=day,
            place="村委会礼堂",
            region_id=POTOU_VILLAGE,
            people_reached=10 * (n + 1),
        )
