"""Personas of 高岭村 and 官渡镇, and builders of village records in given states."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import Role
from tests.conftest import make_staff
from village_affairs import services
from village_affairs.models import MeetingKind, PostingKind

GAOLING = "440804104207"  # 高岭村委会, 官渡镇
MAFENG = "440804104200"  # 麻俸村委会, also 官渡镇
GUANDU = "440804104"
NANSAN = "440804100"  # 南三镇, another town of 坡头区


@pytest.fixture
def village_mediator(db):
    """A mediator of 高岭村's people's mediation committee."""
    return make_staff("gaoling_mediator", Role.MEDIATOR, f"pmc-{GAOLING}")


@pytest.fixture
def other_village_clerk(db):
    """The clerk of 麻俸村, a neighbour in the same town."""
    return make_staff("mafeng_clerk", Role.VILLAGE_CLERK, f"vc-{MAFENG}")


@pytest.fixture
def town_officer(db):
    """An officer of 官渡镇人民政府."""
    return make_staff("guandu_officer", Role.TOWN_OFFICER, f"town-{GUANDU}")


@pytest.fixture
def other_town_officer(db):
    """An officer of 南三镇人民政府, which 高岭村 is not in."""
    return make_staff("nansan_officer", Role.TOWN_OFFICER, f"town-{NANSAN}")


def a_vote(**overrides) -> services.Vote:
    values = {
        "meeting_kind": MeetingKind.REPRESENTATIVES,
        "adopted_on": timezone.localdate() - dt.timedelta(days=3),
        "members_total": 45,
        "present": 38,
        "votes_for": 36,
        "votes_against": 1,
        "votes_abstain": 1,
    }
    values.update(overrides)
    return services.Vote(**values)


def finance_input(**overrides) -> services.PostingInput:
    values = {
        "kind": PostingKind.FINANCE,
        "period_start": dt.date(2026, 9, 1),
        "period_end": dt.date(2026, 9, 30),
        "title": "2026年9月财务收支公开",
        "opening_balance": Decimal("1000.00"),
        "closing_balance": Decimal("1300.00"),
        "lines": (
            services.Line(True, "集体土地租金", Decimal("500.00")),
            services.Line(False, "村道维护", Decimal("200.00")),
        ),
    }
    values.update(overrides)
    return services.PostingInput(**values)


def a_published_posting(village: str = GAOLING, **overrides):
    posting = services.draft_posting(
        actor=None, village_code=village, data=finance_input(**overrides)
    )
    services.publish_posting(actor=None, posting=posting)
    return posting


def an_adopted_rule(village: str = GAOLING, text: str = "第一条 村务公开。\n第二条 一户一宅。"):
    rule = services.draft_rule(actor=None, village_code=village, title="村规民约", text=text)
    services.adopt_rule(actor=None, rule=rule, vote=a_vote())
    return rule


# Valid sample resident ID numbers.
IDS = [
    "440804197003150016",
    "440804197206110022",
    "440804199502280017",
    "440804196808080014",
    "440804199810100022",
]


def application_input(*ids: str, **overrides) -> services.ApplicationInput:
    members = tuple(
        services.Member(f"成员{i}", "户主" if i == 0 else "家属", number)
        for i, number in enumerate(ids or IDS[:1])
    )
    values = {
        "head_name": "成员0",
        "members": members,
        "requested_area": Decimal("100.00"),
        "terrain": "hill",
        "location": "北坡新村 1 号地",
        "reason": "分户建房",
    }
    values.update(overrides)
    return services.ApplicationInput(**values)


def an_application(*ids: str, village: str = GAOLING, **overrides):
    return services.submit_application(
        actor=None, village_code=village, data=application_input(*ids, **overrides)
    )


def an_application_in_notice(*ids: str, village: str = GAOLING):
    application = an_application(*ids, village=village)
    services.village_review(actor=None, application=application, agree=True, comment="属实")
    services.post_notice(
        actor=None,
        application=application,
        notice_from=timezone.localdate() - dt.timedelta(days=10),
        notice_until=timezone.localdate() - dt.timedelta(days=3),
    )
    return application
