"""A dozen demo disputes around 坡头区, so that the demo desk and case list are not empty.

Idempotent: each demo case carries the idempotency key ``demo:<n>``, and filing it again
returns the case already there.
"""

from __future__ import annotations

from decimal import Decimal

from accounts.models import Organisation
from villages.models import Region

from .models import Channel, DisputeCategory, PartySide
from .services import CaseInput, PartyInput, file_case

# (category, applicant, respondent, description, claim, channel)
DEMO_CASES = [
    (
        "neighbourhood",
        "陈某",
        "林某",
        "邻居在宅基地边界砌墙，占用通道约半米，多次协商未果。",
        None,
        Channel.ONLINE,
    ),
    (
        "marriage_family",
        "黄某英",
        "黄某强",
        "兄妹因赡养母亲的费用分担发生纠纷。",
        None,
        Channel.WINDOW,
    ),
    (
        "labour",
        "梁某",
        "湛江某建材有限公司",
        "在工地干活三个月，尚欠工资未结清。",
        Decimal("18600"),
        Channel.ONLINE,
    ),
    (
        "traffic",
        "吴某",
        "李某",
        "电动车与小货车在村道相撞，医疗费用赔偿有争议。",
        Decimal("32000"),
        Channel.POLICE_REFERRAL,
    ),
    (
        "housing_homestead",
        "庞某",
        "庞某华",
        "兄弟分家后对祖屋宅基地的范围有争议。",
        None,
        Channel.VILLAGE_REFERRAL,
    ),
    (
        "contract",
        "杨某",
        "陈某东",
        "借款五万元到期未还，多次催讨无果。",
        Decimal("50000"),
        Channel.HOTLINE,
    ),
    (
        "forest_land",
        "符某",
        "坡头某村民小组",
        "承包的鱼塘边林地被他人种植桉树。",
        None,
        Channel.WINDOW,
    ),
    (
        "property_management",
        "钟某",
        "湛江某物业服务有限公司",
        "小区电梯长期故障，物业费收取有争议。",
        Decimal("2400"),
        Channel.ONLINE,
    ),
    (
        "consumer",
        "蔡某",
        "坡头某电器商行",
        "新买的空调安装后不制冷，商家拒绝退换。",
        Decimal("3299"),
        Channel.ONLINE,
    ),
    (
        "damages",
        "邓某",
        "莫某",
        "邻居家的狗咬伤孩子，医疗费用赔偿协商不成。",
        Decimal("4200"),
        Channel.WINDOW,
    ),
    (
        "village_affairs",
        "王某",
        "某村民委员会",
        "对村集体土地租金分配方案有异议。",
        None,
        Channel.PETITION_TRANSFER,
    ),
    (
        "neighbourhood",
        "林某",
        "陈某",
        "楼上漏水渗到楼下，维修费用分担有争议。",
        Decimal("1500"),
        Channel.ONLINE,
    ),
]
DEMO_PHONES = [f"139{20260000 + n:08d}" for n in range(40)]


def seed() -> list:
    villages = list(
        Region.objects.villages()
        .filter(code__startswith="440804")
        .values_list("code", flat=True)[:12]
    )
    window = Organisation.objects.get(code="window-440804")
    centre = Organisation.objects.get(code="centre-440804")
    for n, (category, applicant, respondent, text, claim, channel) in enumerate(DEMO_CASES):
        data = CaseInput(
            category=DisputeCategory.objects.get(code=category),
            village_code="440804104207" if n == 0 else villages[n % len(villages)],
            description=text,
            claim_amount=claim,
            parties=[
                PartyInput(side=PartySide.APPLICANT, name=applicant, phone=DEMO_PHONES[2 * n]),
                PartyInput(
                    side=PartySide.RESPONDENT, name=respondent, phone=DEMO_PHONES[2 * n + 1]
                ),
            ],
        )
        at_window = channel != Channel.ONLINE
        file_case(
            data=data,
            channel=channel,
            organisation=window if at_window else None,
            numbering_organisation=centre if at_window else None,
            idempotency_key=f"demo:{n}",
        )
    return []
