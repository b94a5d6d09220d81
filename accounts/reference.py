"""Zhanjiang's reference organisations: courts, justice bureaus, legal-aid centres, one-stop
centres with their windows and workrooms, mediation committees down to every village.

Loaded by a data migration (so every database has it) and safe to run again: rows are keyed
by ``code`` and only missing ones are created.
"""

from __future__ import annotations

from dataclasses import dataclass

# (county code, short name, court name, court code). The intermediate court is 粤08; the basic
# courts' codes follow the GB/T 2260 rule (confirmed for 0802, derived for the rest).
COUNTIES = [
    ("440802", "赤坎区", "湛江市赤坎区人民法院", "粤0802"),
    ("440803", "霞山区", "湛江市霞山区人民法院", "粤0803"),
    ("440804", "坡头区", "湛江市坡头区人民法院", "粤0804"),
    ("440811", "麻章区", "湛江市麻章区人民法院", "粤0811"),
    ("440823", "遂溪县", "遂溪县人民法院", "粤0823"),
    ("440825", "徐闻县", "徐闻县人民法院", "粤0825"),
    ("440881", "廉江市", "廉江市人民法院", "粤0881"),
    ("440882", "雷州市", "雷州市人民法院", "粤0882"),
    ("440883", "吴川市", "吴川市人民法院", "粤0883"),
]
# The development-zone court's code is assumed; it hears 硇洲镇 although 硇洲镇 is in 麻章区.
DEV_ZONE_COURT = ("court-0891", "湛江经济技术开发区人民法院", "粤0891")
DEV_ZONE_TOWNS = ["440811173"]

# Workrooms of a county one-stop centre: (code suffix, name, dispute category codes).
WORKROOMS = [
    ("labour", "劳动争议调解工作室", "labour"),
    ("traffic", "道路交通事故调解工作室", "traffic"),
    ("medical", "医疗纠纷调解工作室", "medical"),
    ("property", "物业纠纷调解工作室", "property_management"),
    ("petition", "信访事项调处工作室", "other"),
    ("family", "婚姻家庭纠纷调解工作室", "marriage_family"),
    ("land", "山林土地纠纷调解工作室", "forest_land,land_acquisition,housing_homestead"),
]

COURT_TYPE_CODES = [
    ("民初", "民事一审"),
    ("民终", "民事二审"),
    ("民诉前调", "民事诉前调解"),
    ("民特", "民事特别程序（司法确认）"),
    ("财保", "诉前财产保全"),
    ("执保", "财产保全执行"),
    ("执", "执行"),
]


@dataclass
class OrgSpec:
    code: str
    name: str
    kind: str
    parent: str | None
    region: str | None
    court_code: str | None = None
    file_prefix: str = ""


# File-number prefixes of the offices that receive cases: place + office, e.g. 坡头司调〔2026〕1号.
# Four characters, so they never meet a mediation committee's (county or town + name + 调).
OFFICE_PREFIXES = {
    "justice_bureau": "司调",
    "legal_aid_centre": "法援",
    "labour_arbitration": "劳仲",
    "petition_office": "信访",
}


def office_prefix(place: str, kind: str) -> str:
    return f"{place}{OFFICE_PREFIXES[kind]}"


def village_short_name(name: str) -> str:
    for suffix, replacement in (("村委会", "村"), ("社区居委会", "社区"), ("居委会", "社区")):
        if name.endswith(suffix):
            return name[: -len(suffix)] + replacement
    return name


def organisation_specs(regions) -> list[OrgSpec]:
    """``regions`` is a list of (code, name, level, parent_code) tuples."""
    specs = [
        OrgSpec("plc-city", "中共湛江市委政法委员会", "politics_law_committee", None, "440800"),
        OrgSpec("court-08", "湛江市中级人民法院", "intermediate_court", None, "440800", "粤08"),
        OrgSpec(
            "bureau-city",
            "湛江市司法局",
            "justice_bureau",
            None,
            "440800",
            file_prefix=office_prefix("湛江", "justice_bureau"),
        ),
        OrgSpec(
            "legalaid-city",
            "湛江市法律援助处",
            "legal_aid_centre",
            "bureau-city",
            "440800",
            file_prefix=office_prefix("湛江", "legal_aid_centre"),
        ),
        OrgSpec(
            "centre-city",
            "湛江市社会矛盾纠纷调处化解中心",
            "one_stop_centre",
            "plc-city",
            "440800",
            file_prefix="湛江调",
        ),
        OrgSpec(
            "window-city", "湛江市综治中心综合受理窗口", "centre_window", "centre-city", "440800"
        ),
        OrgSpec(
            "arbitration-city",
            "湛江市劳动人事争议仲裁委员会",
            "labour_arbitration",
            None,
            "440800",
            file_prefix=office_prefix("湛江", "labour_arbitration"),
        ),
        OrgSpec(
            "petition-city",
            "湛江市信访局",
            "petition_office",
            None,
            "440800",
            file_prefix=office_prefix("湛江", "petition_office"),
        ),
        OrgSpec(
            DEV_ZONE_COURT[0],
            DEV_ZONE_COURT[1],
            "basic_court",
            "court-08",
            "440811",
            DEV_ZONE_COURT[2],
        ),
    ]
    for county, short, court_name, court_code in COUNTIES:
        c = county
        specs += [
            OrgSpec(f"court-{c[2:]}", court_name, "basic_court", "court-08", c, court_code),
            OrgSpec(
                f"bureau-{c}",
                f"{_city_prefix(short)}司法局",
                "justice_bureau",
                "bureau-city",
                c,
                file_prefix=office_prefix(short[:2], "justice_bureau"),
            ),
            OrgSpec(
                f"legalaid-{c}",
                f"{_city_prefix(short)}法律援助处",
                "legal_aid_centre",
                f"bureau-{c}",
                c,
                file_prefix=office_prefix(short[:2], "legal_aid_centre"),
            ),
            OrgSpec(
                f"centre-{c}",
                f"{_city_prefix(short)}社会矛盾纠纷调处化解中心",
                "one_stop_centre",
                "centre-city",
                c,
                file_prefix=f"{short[:2]}调",
            ),
            OrgSpec(f"window-{c}", f"{short}中心综合受理窗口", "centre_window", f"centre-{c}", c),
            # The committee under which the centre's workrooms mediate and whose seal their
            # agreements bear (assumed name; an administrator renames or re-links it).
            OrgSpec(
                f"pmc-{c}",
                f"{_city_prefix(short)}人民调解委员会",
                "county_mediation_committee",
                f"bureau-{c}",
                c,
            ),
            OrgSpec(
                f"arbitration-{c}",
                f"{_city_prefix(short)}劳动人事争议仲裁委员会",
                "labour_arbitration",
                "arbitration-city",
                c,
                file_prefix=office_prefix(short[:2], "labour_arbitration"),
            ),
            OrgSpec(
                f"petition-{c}",
                f"{_city_prefix(short)}信访局",
                "petition_office",
                "petition-city",
                c,
                file_prefix=office_prefix(short[:2], "petition_office"),
            ),
        ]
        specs += [
            OrgSpec(f"room-{c}-{key}", f"{short}中心{name}", "workroom", f"centre-{c}", c)
            for key, name, _categories in WORKROOMS
        ]
    county_short = {code: short for code, short, *_ in COUNTIES}
    town_names = {code: name for code, name, level, _parent in regions if level == "town"}
    for code, name, level, parent in regions:
        if level == "town" and parent in county_short:
            # File prefixes must be unique across the city: county + town, town + village.
            specs.append(
                OrgSpec(
                    f"pmc-{code}",
                    f"{name}人民调解委员会",
                    "town_mediation_committee",
                    f"bureau-{parent}",
                    code,
                    file_prefix=f"{county_short[parent][:2]}{name[:2]}调",
                )
            )
        elif level == "village":
            short = village_short_name(name)
            specs.append(OrgSpec(f"vc-{code}", name, "village_committee", f"pmc-{parent}", code))
            specs.append(
                OrgSpec(
                    f"pmc-{code}",
                    f"{short}人民调解委员会",
                    "village_mediation_committee",
                    f"vc-{code}",
                    code,
                    file_prefix=f"{town_names[parent][:2]}{short}调",
                )
            )
    return specs


def _city_prefix(short: str) -> str:
    """Districts are named with the city (湛江市赤坎区); counties and county-level cities alone."""
    return f"湛江市{short}" if short.endswith("区") else short


def fill_office_prefixes(apps) -> int:
    """Give the reference offices that have none their file prefix (an existing database was
    loaded before they had one); a prefix someone already set is kept."""
    Region = apps.get_model("villages", "Region")
    Organisation = apps.get_model("accounts", "Organisation")
    regions = list(Region.objects.values_list("code", "name", "level", "parent_id"))
    filled = 0
    for spec in organisation_specs(regions):
        if spec.kind in OFFICE_PREFIXES and spec.file_prefix:
            filled += Organisation.objects.filter(code=spec.code, file_prefix="").update(
                file_prefix=spec.file_prefix
            )
    return filled


def load_reference_organisations(apps) -> int:
    Region = apps.get_model("villages", "Region")
    Organisation = apps.get_model("accounts", "Organisation")
    CourtJurisdiction = apps.get_model("accounts", "CourtJurisdiction")
    CaseTypeCode = apps.get_model("accounts", "CaseTypeCode")

    regions = list(Region.objects.values_list("code", "name", "level", "parent_id"))
    specs = organisation_specs(regions)
    existing = dict(Organisation.objects.values_list("code", "id"))
    created = 0
    # Parents always precede children in the spec list, so one pass per depth level suffices.
    pending = [s for s in specs if s.code not in existing]
    while pending:
        ready = [s for s in pending if s.parent is None or s.parent in existing]
        rows = Organisation.objects.bulk_create(
            [
                Organisation(
                    code=s.code,
                    name=s.name,
                    kind=s.kind,
                    parent_id=existing.get(s.parent),
                    region_id=s.region,
                    court_code=s.court_code,
                    file_prefix=s.file_prefix,
                )
                for s in ready
            ],
            batch_size=500,
        )
        if not rows or rows[0].pk is None:
            existing = dict(Organisation.objects.values_list("code", "id"))
        else:
            existing.update({row.code: row.pk for row in rows})
        created += len(ready)
        pending = [s for s in pending if s.code not in existing]

    for county, _short, _name, _code in COUNTIES:
        CourtJurisdiction.objects.get_or_create(
            region_id=county, defaults={"court_id": existing[f"court-{county[2:]}"]}
        )
    for town in DEV_ZONE_TOWNS:
        CourtJurisdiction.objects.get_or_create(
            region_id=town, defaults={"court_id": existing[DEV_ZONE_COURT[0]]}
        )
    for code, name in COURT_TYPE_CODES:
        CaseTypeCode.objects.get_or_create(code=code, defaults={"name": name})
    return created


def link_centre_committees(apps) -> int:
    """Each county centre mediates under its county's committee, unless one is already set."""
    Organisation = apps.get_model("accounts", "Organisation")
    committees = dict(
        Organisation.objects.filter(kind="county_mediation_committee").values_list("code", "id")
    )
    linked = 0
    for county, *_rest in COUNTIES:
        if committee := committees.get(f"pmc-{county}"):
            linked += Organisation.objects.filter(
                code=f"centre-{county}", mediation_committee__isnull=True
            ).update(mediation_committee_id=committee)
    return linked
