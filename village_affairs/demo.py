"""Demo village affairs for 高岭村委会 (440804104207): two versions of its rules, a year of
postings, homestead applications and parcels, its mediation committee and ledger; logins for
its village mediator and for 官渡镇's town officer. Idempotent: each part is seeded once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from accounts.demo import DEMO_PASSWORD, _demo_user
from accounts.models import Membership, Organisation, Role
from cases.models import DisputeCategory

from . import services
from .models import (
    ApplicationStatus,
    CommitteeMember,
    HomesteadApplication,
    LedgerEntry,
    MeetingKind,
    Parcel,
    Posting,
    PostingKind,
    RoundReport,
    RuleVersion,
)

VILLAGE = "440804104207"
TOWN = "440804104"

LOGINS = [
    ("villagemediator", "梁海生", Role.MEDIATOR, f"pmc-{VILLAGE}"),
    ("town", "陈志强", Role.TOWN_OFFICER, f"town-{TOWN}"),
]

RULES_V1 = """第一章 总则
第一条 为推进村民自治，建设文明和谐乡村，根据有关法律法规，结合本村实际，制定本村规民约。
第二章 村务管理
第二条 村务、党务、财务每季度公开一次，财务收支每月公开。
第三条 村集体资金收支须经村务监督委员会审核。
第三章 宅基地管理
第四条 一户只能拥有一处宅基地，面积不得超过省规定标准。
第五条 申请宅基地须经村民小组讨论、村委会审查并张榜公示，报镇人民政府审批。
第四章 矛盾纠纷调解
第六条 村民之间发生纠纷，先由村人民调解委员会调解，做到小事不出村。"""

RULES_V2 = """第一章 总则
第一条 为推进村民自治，建设文明和谐乡村，根据有关法律法规，结合本村实际，制定本村规民约。
第二章 村务管理
第二条 村务、党务每季度公开一次；财务收支每月公开，重大事项随时公开。
第三条 村集体资金收支须经村务监督委员会审核，单笔五千元以上支出须经村民代表会议讨论。
第三章 宅基地管理
第四条 一户只能拥有一处宅基地，面积不得超过省规定标准。
第五条 申请宅基地须经村民小组讨论、村委会审查并张榜公示七日，报镇人民政府审批。
第六条 出卖、出租或赠与住宅后，不再批准宅基地。
第四章 矛盾纠纷调解
第七条 村民之间发生纠纷，先由村人民调解委员会调解，做到小事不出村。
第八条 村调委会每月开展矛盾纠纷排查，没有发现纠纷也要零报告。"""

# Sample resident ID numbers (valid check digits, not real people).
IDS = {
    "梁国华": "440804197003150016",
    "梁秀英": "440804197206110022",
    "梁伟": "440804199502280017",
    "陈德明": "440804196808080014",
    "陈小红": "440804199810100022",
    "林永强": "440804198512120012",
    "黄大伟": "440804197707070014",
}


def seed() -> list[tuple[str, str, str]]:
    logins = []
    for username, name, role, org_code in LOGINS:
        user = _demo_user(username, name, is_admin=False)
        Membership.objects.get_or_create(
            user=user, organisation=Organisation.objects.get(code=org_code), role=role
        )
        logins.append((username, DEMO_PASSWORD, str(role.label)))
    today = timezone.localdate()
    _rules(today)
    _postings(today)
    _committee(today)
    _homesteads(today)
    _ledger(today)
    return logins


def _rules(today: dt.date) -> None:
    if RuleVersion.objects.filter(village_id=VILLAGE).exists():
        return
    v1 = services.draft_rule(
        actor=None, village_code=VILLAGE, title="高岭村村规民约", text=RULES_V1
    )
    services.adopt_rule(
        actor=None,
        rule=v1,
        vote=services.Vote(
            meeting_kind=MeetingKind.VILLAGERS,
            adopted_on=dt.date(2019, 3, 16),
            members_total=1460,
            present=812,
            votes_for=760,
            votes_against=31,
            votes_abstain=21,
        ),
    )
    services.file_rule(
        actor=None, rule=v1, filed_on=dt.date(2019, 3, 25), receipt="官备〔2019〕12号"
    )
    services.review_rule(actor=None, rule=v1, approved=True, comment="符合法律法规，准予备案。")
    v2 = services.revise_rule(actor=None, rule=v1)
    services.edit_rule(
        actor=None,
        rule=v2,
        title="高岭村村规民约",
        text=RULES_V2,
        change_note="增加重大事项随时公开、大额支出讨论、宅基地公示七日和零报告的规定",
    )
    services.adopt_rule(
        actor=None,
        rule=v2,
        vote=services.Vote(
            meeting_kind=MeetingKind.REPRESENTATIVES,
            adopted_on=dt.date(2024, 4, 20),
            members_total=45,
            present=38,
            votes_for=36,
            votes_against=1,
            votes_abstain=1,
        ),
    )
    services.file_rule(
        actor=None, rule=v2, filed_on=dt.date(2024, 4, 28), receipt="官备〔2024〕7号"
    )


def _month_starts(today: dt.date, count: int) -> list[dt.date]:
    first = today.replace(day=1)
    months = []
    for _ in range(count):
        first = (first - dt.timedelta(days=1)).replace(day=1)
        months.append(first)
    return list(reversed(months))


def _month_end(start: dt.date) -> dt.date:
    return (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def _postings(today: dt.date) -> None:
    if Posting.objects.filter(village_id=VILLAGE).exists():
        return
    balance = Decimal("186420.50")
    for i, start in enumerate(_month_starts(today, 12)):
        income = [("上级转移支付", Decimal("30000.00")), ("集体土地租金", Decimal(8000 + 150 * i))]
        expense = [
            ("村干部误工补贴", Decimal("12600.00")),
            ("村道维护", Decimal(2000 + 300 * (i % 4))),
            ("办公费用", Decimal("1350.00")),
        ]
        closing = balance + sum(a for _c, a in income) - sum(a for _c, a in expense)
        data = services.PostingInput(
            kind=PostingKind.FINANCE,
            period_start=start,
            period_end=_month_end(start),
            title=f"{start.year}年{start.month}月财务收支公开",
            body="本月收支已经村务监督委员会审核。",
            opening_balance=balance,
            closing_balance=closing,
            lines=tuple(services.Line(True, c, a) for c, a in income)
            + tuple(services.Line(False, c, a) for c, a in expense),
        )
        posting = services.draft_posting(actor=None, village_code=VILLAGE, data=data)
        services.publish_posting(actor=None, posting=posting)
        balance = closing
        if i == 10:
            question = services.ask_question(
                posting=posting, asker_name="村民梁先生", text="村道维护费用具体修了哪几段路？"
            )
            services.answer_question(
                actor=None,
                question=question,
                answer="修补了村东至小学路段和北坡路段，共约 300 米，明细可到村委会查阅。",
            )
            services.ask_question(posting=posting, asker_name="", text="集体土地租金是哪几块地的？")
    for i, start in enumerate(_month_starts(today, 12)[2::3]):
        quarter_start = start.replace(month=(start.month - 1) // 3 * 3 + 1)
        end = _month_end(quarter_start.replace(month=quarter_start.month + 2))
        for kind, title, body in (
            (
                PostingKind.AFFAIRS,
                "村务公开",
                "一、村民代表会议决定修缮村文化室；二、低保、临时救助名单（略）；三、村道硬底化工程进度。",
            ),
            (
                PostingKind.PARTY,
                "党务公开",
                "一、本季度党员大会和主题党日活动；二、党费收缴情况；三、发展党员情况。",
            ),
        ):
            posting = services.draft_posting(
                actor=None,
                village_code=VILLAGE,
                data=services.PostingInput(
                    kind=kind,
                    period_start=quarter_start,
                    period_end=end,
                    title=f"{quarter_start.year}年第{(quarter_start.month + 2) // 3}季度{title}",
                    body=body,
                ),
            )
            services.publish_posting(actor=None, posting=posting)
            if i == 0 and kind == PostingKind.AFFAIRS:
                correction = services.correct_posting(
                    actor=None, posting=posting, reason="救助名单中一户姓名有误，予以更正"
                )
                services.publish_posting(actor=None, posting=correction)


def _committee(today: dt.date) -> None:
    if CommitteeMember.objects.filter(village_id=VILLAGE).exists():
        return
    from django.contrib.auth import get_user_model

    mediator = get_user_model().objects.get(username="villagemediator")
    for name, position, phone, user in (
        ("梁海生", "chair", "13800138207", mediator),
        ("陈秀兰", "vice_chair", "", None),
        ("林春生", "member", "", None),
    ):
        services.add_committee_member(
            actor=None, village_code=VILLAGE, name=name, position=position, phone=phone, user=user
        )


def _member(name: str, relation: str) -> services.Member:
    return services.Member(name, relation, IDS[name])


def _homesteads(today: dt.date) -> None:
    if Parcel.objects.filter(village_id=VILLAGE).exists():
        return
    services.register_parcel(
        actor=None,
        village_code=VILLAGE,
        number="440804104207-JC-0031",
        household_head="黄大伟",
        area=Decimal("96.00"),
        location="高岭村东坡三巷 5 号",
        certificate_number="粤（2018）湛江市不动产权第0123456号",
        holders=(_member("黄大伟", "户主"),),
    )
    approved = services.submit_application(
        actor=None,
        village_code=VILLAGE,
        data=services.ApplicationInput(
            head_name="林永强",
            members=(_member("林永强", "户主"),),
            requested_area=Decimal("110.00"),
            terrain="hill",
            location="高岭村北坡新村规划区 12 号地",
            reason="分户后无宅基地",
            current_homesteads="无",
        ),
    )
    services.village_review(actor=None, application=approved, agree=True, comment="情况属实")
    services.post_notice(
        actor=None,
        application=approved,
        notice_from=today - dt.timedelta(days=40),
        notice_until=today - dt.timedelta(days=33),
    )
    services.approve_application(actor=None, application=approved, reason="符合规划和一户一宅")
    noticed = services.submit_application(
        actor=None,
        village_code=VILLAGE,
        data=services.ApplicationInput(
            head_name="梁国华",
            members=(_member("梁国华", "户主"), _member("梁秀英", "妻子"), _member("梁伟", "儿子")),
            requested_area=Decimal("100.00"),
            terrain="hill",
            location="高岭村北坡新村规划区 15 号地",
            reason="旧房为危房，拆旧建新，旧宅基地退还集体",
            current_homesteads="旧宅一处约 60 ㎡，建新后退还",
        ),
    )
    services.village_review(actor=None, application=noticed, agree=True, comment="同意拆旧建新")
    services.post_notice(
        actor=None,
        application=noticed,
        notice_from=today - dt.timedelta(days=10),
        notice_until=today - dt.timedelta(days=3),
    )
    services.submit_application(
        actor=None,
        village_code=VILLAGE,
        data=services.ApplicationInput(
            head_name="陈德明",
            members=(_member("陈德明", "户主"), _member("陈小红", "女儿")),
            requested_area=Decimal("80.00"),
            terrain="plain",
            location="高岭村南洋路口",
            reason="分户建房",
            current_homesteads="无",
        ),
    )
    assert HomesteadApplication.objects.filter(
        village_id=VILLAGE, status=ApplicationStatus.NOTICE
    ).exists()
    _link_homestead_case()


def _link_homestead_case() -> None:
    from cases.models import Case

    case = Case.objects.filter(village_id=VILLAGE, category__code="housing_homestead").first()
    if case:
        services.link_dispute(
            actor=None, parcel=Parcel.objects.get(number="440804104207-JC-0031"), case=case
        )


def _ledger(today: dt.date) -> None:
    if LedgerEntry.objects.filter(village_id=VILLAGE).exists():
        return
    categories = {c.code: c for c in DisputeCategory.objects.all()}
    fallback = next(iter(categories.values()))
    entries = [
        (1, "round", "梁某甲、梁某乙", "neighbourhood", "排水沟堵塞引起邻里争执", "settled"),
        (2, "party", "陈某、林某", "housing_homestead", "宅基地界址争议", "referred"),
        (3, "round", "黄某与其子", "marriage_family", "赡养老人费用分担", "settled"),
        (5, "party", "梁某丙、村民小组", "land_acquisition", "土地补偿款分配", "failed"),
        (6, "round", "林某、陈某", "neighbourhood", "鸡鸭损坏菜地", "settled"),
        (8, "round", "梁某丁、梁某戊", "marriage_family", "兄弟分家析产", "settled"),
        (10, "party", "陈某甲、陈某乙", "contract", "借款未还", "settled"),
        (11, "round", "黄某、林某", "neighbourhood", "占道堆放杂物", "pending"),
    ]
    months = _month_starts(today, 12)
    found = set()
    for index, source, parties, category, summary, outcome in entries:
        start = months[index]
        entry = services.record_ledger_entry(
            actor=None,
            village_code=VILLAGE,
            found_on=start + dt.timedelta(days=9),
            source=source,
            parties=parties,
            category=categories.get(category, fallback),
            summary=summary,
        )
        found.add(start)
        if outcome != "pending":
            services.close_ledger_entry(
                actor=None,
                entry=entry,
                outcome=outcome,
                note="",
                closed_on=start + dt.timedelta(days=20),
            )
    for start in months:
        if not RoundReport.objects.filter(village_id=VILLAGE, month=start).exists():
            services.record_round(
                actor=None,
                village_code=VILLAGE,
                month=start,
                done_on=start + dt.timedelta(days=25),
                found_count=1 if start in found else 0,
                note="" if start in found else "本月排查未发现矛盾纠纷",
            )
