"""Demo service activities around 坡头区 (some of them legal-education events still to come,
on the public list), and the statistics rollups built once all the demo data is in, so that
the leader's desk and the dashboard show figures at once.

Run through ``python manage.py seed_demo``; idempotent: an activity is found again by its
organisation, title and date, and rebuilding the rollups replaces them.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation
from villages.models import Region

from .models import ActivityKind, ServiceActivity
from .periods import Month
from .rollups import rebuild

VILLAGE = "440804104207"

# (days from today, organisation code, kind, title, place, people reached, public)
DEMO_ACTIVITIES = [
    (-75, "centre-440804", ActivityKind.LEGAL_EDUCATION, "民法典进村宣讲", "村委会礼堂", 86, True),
    (
        -60,
        "vc-440804104207",
        ActivityKind.DISPUTE_SCREENING,
        "春耕前土地纠纷排查",
        "各村民小组",
        40,
        False,
    ),
    (-45, "centre-440804", ActivityKind.LEGAL_ADVICE, "赶集日法律咨询摊", "镇圩市场", 63, False),
    (-40, "vc-440804104207", ActivityKind.HOME_VISIT, "走访独居老人", "村内各户", 18, False),
    (
        -30,
        "bureau-440804",
        ActivityKind.PRACTICAL_SERVICE,
        "为群众代写赡养协议",
        "司法所",
        12,
        False,
    ),
    (-21, "centre-440804", ActivityKind.LEGAL_EDUCATION, "防范电信诈骗讲座", "村文化室", 120, True),
    (
        -14,
        "vc-440804104207",
        ActivityKind.DISPUTE_SCREENING,
        "宅基地边界纠纷排查",
        "村委会",
        25,
        False,
    ),
    (-7, "bureau-440804", ActivityKind.LEGAL_ADVICE, "农民工欠薪法律咨询", "工地现场", 47, False),
    (
        -3,
        "centre-440804",
        ActivityKind.PRACTICAL_SERVICE,
        "帮助调解当事人申请法律援助",
        "调解中心",
        9,
        False,
    ),
    (5, "centre-440804", ActivityKind.LEGAL_EDUCATION, "婚姻家庭法律知识讲座", "村文化室", 0, True),
    (
        12,
        "vc-440804104207",
        ActivityKind.LEGAL_EDUCATION,
        "土地承包法律政策宣讲",
        "村委会礼堂",
        0,
        True,
    ),
    (
        26,
        "bureau-440804",
        ActivityKind.LEGAL_EDUCATION,
        "老年人防诈骗普法集市",
        "镇圩市场",
        0,
        True,
    ),
]


def seed() -> list[tuple[str, str, str]]:
    today = timezone.localdate()
    region = Region.objects.get(code=VILLAGE)
    organisations = {o.code: o for o in Organisation.objects.filter(code__in=_codes())}
    for days, code, kind, title, place, people, public in DEMO_ACTIVITIES:
        ServiceActivity.objects.get_or_create(
            organisation=organisations[code],
            title=title,
            held_on=today + dt.timedelta(days=days),
            defaults={
                "kind": kind,
                "place": place,
                "region": region,
                "people_reached": people,
                "is_public": public,
            },
        )
    # The other areas' demo data is seeded in the same transaction (some after this app's):
    # count it all once it is committed. From January of last year: the dashboards compare
    # each month and the year to date with the year before.
    first = Month(today.year - 1, 1)
    transaction.on_commit(lambda: rebuild(first))
    return []


def _codes() -> set[str]:
    return {row[1] for row in DEMO_ACTIVITIES}
