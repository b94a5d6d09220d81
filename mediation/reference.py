"""Default routing rules and the extra workrooms of 雷州市's centre, loaded by a data
migration and again after a test flush (zhanjiang_portal.reference.LOADERS).

The defaults follow field practice (小事不出村): small neighbourhood, family, homestead and
village-affairs disputes go first to the village's people's mediation committee; the kinds
the county centres have workrooms for go there; the rest go to the town committee. The
amount limit for "small" (50,000 yuan) is assumed and editable like every rule.
"""

from __future__ import annotations

from decimal import Decimal

SMALL_CLAIM = Decimal("50000")
VILLAGE_FIRST = ["marriage_family", "neighbourhood", "housing_homestead", "village_affairs"]

# (position, name, category codes, max amount, min amount (exclusive above), channel, target
# kind, workroom key)
DEFAULT_RULES = [
    (
        10,
        "信访转来的纠纷交县级中心信访事项调处工作室",
        [],
        None,
        None,
        "petition_transfer",
        "centre_workroom",
        "petition",
    ),
    (20, "劳动争议交县级中心劳动争议调解工作室", ["labour"], None, None, "", "centre_workroom", ""),
    (
        30,
        "道路交通事故交县级中心交通事故调解工作室",
        ["traffic"],
        None,
        None,
        "",
        "centre_workroom",
        "",
    ),
    (
        40,
        "医疗纠纷交县级中心医疗纠纷调解工作室",
        ["medical"],
        None,
        None,
        "",
        "centre_workroom",
        "",
    ),
    (
        50,
        "物业纠纷交县级中心物业纠纷调解工作室",
        ["property_management"],
        None,
        None,
        "",
        "centre_workroom",
        "",
    ),
    (
        60,
        "山林土地、征地拆迁纠纷交县级中心山林土地工作室",
        ["forest_land", "land_acquisition"],
        None,
        None,
        "",
        "centre_workroom",
        "",
    ),
    (
        70,
        "小额婚姻家庭、邻里、宅基地、村务纠纷先由村调委会调解",
        VILLAGE_FIRST,
        SMALL_CLAIM,
        None,
        "",
        "village_committee",
        "",
    ),
    (
        80,
        "较大婚姻家庭纠纷交县级中心婚姻家庭工作室",
        ["marriage_family"],
        None,
        SMALL_CLAIM,
        "",
        "centre_workroom",
        "family",
    ),
    (
        90,
        "较大宅基地纠纷交县级中心山林土地工作室",
        ["housing_homestead"],
        None,
        SMALL_CLAIM,
        "",
        "centre_workroom",
        "land",
    ),
    (100, "其他纠纷交纠纷发生地镇（街道）调委会", [], None, None, "", "town_committee", ""),
]

LEIZHOU = "440882"
# 雷州市's centre has 35 workrooms (domain.md §11); the reference data gives every centre the
# seven standard ones. The real rooms' names are not published: these are plausible names by
# dispute type, to be corrected by the centre's administrator.
LEIZHOU_EXTRA_WORKROOMS = [
    *[(f"labour-{n}", f"劳动争议调解第{c}工作室") for n, c in ((2, "二"), (3, "三"), (4, "四"))],
    *[
        (f"traffic-{n}", f"道路交通事故调解第{c}工作室")
        for n, c in ((2, "二"), (3, "三"), (4, "四"))
    ],
    *[(f"medical-{n}", f"医疗纠纷调解第{c}工作室") for n, c in ((2, "二"), (3, "三"))],
    *[(f"property-{n}", f"物业纠纷调解第{c}工作室") for n, c in ((2, "二"), (3, "三"))],
    *[(f"petition-{n}", f"信访事项调处第{c}工作室") for n, c in ((2, "二"), (3, "三"), (4, "四"))],
    *[
        (f"family-{n}", f"婚姻家庭纠纷调解第{c}工作室")
        for n, c in ((2, "二"), (3, "三"), (4, "四"))
    ],
    *[(f"land-{n}", f"山林土地纠纷调解第{c}工作室") for n, c in ((2, "二"), (3, "三"), (4, "四"))],
    ("consumer", "消费纠纷调解工作室"),
    ("contract", "合同纠纷调解工作室"),
    ("neighbourhood", "邻里纠纷调解工作室"),
    ("acquisition", "征地拆迁纠纷调解工作室"),
    ("environment", "环境污染纠纷调解工作室"),
    ("school", "校园纠纷调解工作室"),
    ("finance", "金融纠纷调解工作室"),
    ("commercial", "商事纠纷调解工作室"),
    ("lawyer", "律师调解工作室"),
]


def load_leizhou_workrooms(apps) -> None:
    Organisation = apps.get_model("accounts", "Organisation")
    centre = Organisation.objects.filter(code=f"centre-{LEIZHOU}").first()
    if centre is None:
        return
    existing = set(Organisation.objects.filter(parent=centre).values_list("code", flat=True))
    Organisation.objects.bulk_create(
        [
            Organisation(
                code=f"room-{LEIZHOU}-{key}",
                name=f"雷州市中心{name}",
                kind="workroom",
                parent=centre,
                region_id=LEIZHOU,
            )
            for key, name in LEIZHOU_EXTRA_WORKROOMS
            if f"room-{LEIZHOU}-{key}" not in existing
        ]
    )


def load_default_routing_rules(apps) -> None:
    """Only into an empty table: an administrator's edits are never overwritten."""
    RoutingRule = apps.get_model("mediation", "RoutingRule")
    DisputeCategory = apps.get_model("cases", "DisputeCategory")
    if RoutingRule.objects.exists():
        return
    categories = dict(DisputeCategory.objects.values_list("code", "pk"))
    for position, name, codes, max_amount, above, channel, kind, room in DEFAULT_RULES:
        rule = RoutingRule.objects.create(
            position=position,
            name=name,
            max_amount=max_amount,
            min_amount=above + Decimal("0.01") if above is not None else None,
            channel=channel,
            target_kind=kind,
            workroom_key=room,
        )
        rule.categories.set([categories[c] for c in codes if c in categories])


def load_mediation_reference(apps) -> None:
    load_leizhou_workrooms(apps)
    load_default_routing_rules(apps)
