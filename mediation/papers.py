"""The papers of a mediation as printable PDFs: the 人民调解协议书 (人民调解法 §29 and the
Ministry of Justice's template), the parties' joint 司法确认申请书, and the notices the
parties are given when their application is accepted, not accepted, or mediation is ended.

Legal documents: always in Chinese, whatever the page's language. Every value a user typed
goes through ``zhanjiang_portal.pdf.para``/``text`` (escaped, never markup); the fixed
wording is the portal's own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone, translation
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer, Table, TableStyle

from accounts import pii
from accounts.identifiers import mask_mobile, resident_id_facts
from accounts.models import CourtJurisdiction
from cases.models import Case, CaseEvent, Party, PartyKind, PartySide
from zhanjiang_portal import pdf

from .models import Agreement

AGREEMENT_TITLE = "人民调解协议书"
CONFIRMATION_TITLE = "司法确认申请书"
# Which timeline event each notice reports, and its title.
NOTICES = {
    "accepted": ("accepted", "人民调解受理通知书"),
    "not-accepted": ("not_accept", "人民调解不予受理通知书"),
    "terminated": ("terminate", "终止人民调解通知书"),
}
SEX_NAMES = {"male": "男", "female": "女"}
BLANK = "＿＿＿＿＿＿＿＿"


def chinese_date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        # Lines to write the date on (reportlab would collapse spaces).
        return "＿＿＿＿年＿＿月＿＿日"
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date()
    return f"{value.year}年{value.month}月{value.day}日"


def money(amount) -> str:
    return f"¥{amount:,.2f}" if amount is not None else ""


# Parties -------------------------------------------------------------------------------------


def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _sex_and_birth(party: Party) -> tuple[str, dt.date | None]:
    """As recorded, else read from the resident ID (parties filed before these facts were
    kept have only the ID)."""
    if (party.sex and party.birth_date) or not party.id_number_encrypted:
        return party.sex, party.birth_date
    sex, born = resident_id_facts(pii.decrypt(party.id_number_encrypted))
    return party.sex or sex, party.birth_date or born


def party_facts(party: Party, on: dt.date) -> str:
    """The basic facts the agreement states: for a person name, sex, birth date and age,
    ethnicity, occupation or employer, address; for an organisation its name, address and
    legal representative. Facts not on record are left out; identifiers are masked."""
    if party.kind == PartyKind.ORGANISATION:
        facts = [
            party.name,
            f"住所：{party.address}" if party.address else "",
            f"法定代表人：{party.legal_representative}" if party.legal_representative else "",
            f"统一社会信用代码：{party.credit_code}" if party.credit_code else "",
        ]
    else:
        sex, born = _sex_and_birth(party)
        facts = [
            party.name,
            SEX_NAMES.get(sex, ""),
            f"{chinese_date(born)}出生（{_age(born, on)}岁）" if born else "",
            party.ethnicity,
            f"职业或工作单位：{party.occupation}" if party.occupation else "",
            f"住址：{party.address}" if party.address else "",
            f"身份证号码：{party.id_number_masked}" if party.id_number_masked else "",
        ]
    if party.phone:
        facts.append(f"联系电话：{mask_mobile(party.phone)}")
    return "，".join(f for f in facts if f) + "。"


@dataclass
class Parties:
    principals: list[Party]
    agents: dict[int, list[Party]]

    def of_side(self, side: str) -> list[Party]:
        return [p for p in self.principals if p.side == side]


def parties_of(case: Case) -> Parties:
    """Applicants, then respondents, each with the agents who act for them."""
    rows = list(case.parties.order_by("id"))
    order = {PartySide.APPLICANT: 0, PartySide.RESPONDENT: 1}
    principals = sorted((p for p in rows if p.side in order), key=lambda p: order[p.side])
    agents: dict[int, list[Party]] = {}
    for agent in rows:
        if agent.side == PartySide.AGENT and agent.agent_for_id:
            agents.setdefault(agent.agent_for_id, []).append(agent)
    return Parties(principals, agents)


def _party_lines(parties: Parties, on: dt.date, *, label: str | None = None) -> list:
    story = []
    for party in parties.principals:
        side = label or party.get_side_display()
        story.append(pdf.para(f"{side}：{party_facts(party, on)}"))
        for agent in parties.agents.get(party.pk, []):
            phone = f"，联系电话：{mask_mobile(agent.phone)}" if agent.phone else ""
            story.append(pdf.para(f"委托代理人：{agent.name}{phone}。", "indent"))
    return story


def committee_name(case: Case) -> str:
    """The people's mediation committee whose seal the papers bear (not the workroom)."""
    committee = case.organisation.seal_committee()
    return committee.name if committee else f"{BLANK}人民调解委员会"


# Signatures ----------------------------------------------------------------------------------


def _signature_rows(rows: list[str]) -> list:
    """Labels with a line to sign on."""
    table = Table(
        [[pdf.para(label), ""] for label in rows],
        colWidths=[96 * mm, 62 * mm],
        rowHeights=13 * mm,
    )
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (1, 0), (1, -1), 0.5, "#000000"),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                # Plain cells would otherwise name Helvetica, which no PDF here embeds.
                ("FONTNAME", (0, 0), (-1, -1), pdf.font_name()),
            ]
        )
    )
    return [Spacer(1, 6 * mm), table]


def _seal_lines(case: Case, when: dt.date | dt.datetime | None = None) -> list:
    return [
        Spacer(1, 10 * mm),
        pdf.para(f"{committee_name(case)}（印章）", "number"),
        pdf.para(chinese_date(when), "number"),
    ]


def _terms(agreement: Agreement) -> list:
    story = []
    for number, term in enumerate(agreement.terms.all(), start=1):
        parts = [f"{number}. {term.obligor}{term.action}"]
        if term.amount is not None:
            parts.append(f"金额{money(term.amount)}")
        if term.due_date:
            parts.append(f"于{chinese_date(term.due_date)}前履行完毕")
        story.append(pdf.para("，".join(parts) + "。"))
    story += pdf.paras(agreement.text)
    return story


# The agreement -------------------------------------------------------------------------------


def agreement_pdf(agreement: Agreement) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        return _agreement_pdf(agreement)


def _agreement_pdf(agreement: Agreement) -> bytes:
    case = agreement.case
    on = timezone.localtime(agreement.reached_at).date()
    parties = parties_of(case)
    story = [
        pdf.fixed(AGREEMENT_TITLE, "title"),
        pdf.para(f"编号：{case.number}", "number"),
        pdf.fixed("当事人", "heading"),
        *_party_lines(parties, on),
        pdf.fixed("纠纷主要事实、争议事项", "heading"),
        *pdf.paras(agreement.facts, "indent"),
        pdf.fixed("经调解，自愿达成如下协议", "heading"),
        *_terms(agreement),
        pdf.fixed("履行方式、时限", "heading"),
        pdf.fixed(
            "各方按上述约定的方式和期限履行；人民调解委员会对履行情况进行监督、回访。", "indent"
        ),
        pdf.fixed(
            "本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起"
            "生效。本协议一式三份，双方当事人、人民调解委员会各持一份。当事人可以自本协议生效之日起"
            "三十日内共同向人民法院申请司法确认。",
            "indent",
        ),
        # Nothing can be added between the text and the signatures on another page.
        pdf.fixed("（以下无正文）", "indent"),
        # Signatures and seal on one page: the page that takes effect carries them all.
        KeepTogether(
            _signature_rows(
                [
                    f"{p.get_side_display()}{p.name}（签名、盖章或按指印）"
                    for p in parties.principals
                ]
                + ["人民调解员（签名）"]
            )
            + _seal_lines(case)
        ),
    ]
    return pdf.build(story, title=AGREEMENT_TITLE, number=case.number)


# The joint application for judicial confirmation ---------------------------------------------


def court_name(case: Case) -> str:
    court = CourtJurisdiction.court_for(case.village_id)
    return court.name if court else f"{BLANK}人民法院"


def confirmation_pdf(agreement: Agreement) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        return _confirmation_pdf(agreement)


def _confirmation_pdf(agreement: Agreement) -> bytes:
    case = agreement.case
    on = timezone.localtime(agreement.reached_at).date()
    parties = parties_of(case)
    committee = committee_name(case)
    reached = chinese_date(agreement.reached_at)
    story = [
        pdf.fixed(CONFIRMATION_TITLE, "title"),
        *_party_lines(parties, timezone.localdate(), label="申请人"),
        pdf.fixed("请求事项", "heading"),
        pdf.para(
            f"请求依法确认申请人于{reached}经{committee}主持调解达成的人民调解协议"
            f"（编号：{case.number}）有效。",
            "indent",
        ),
        pdf.fixed("事实和理由", "heading"),
        pdf.para(
            f"申请人因{case.category.name}纠纷，于{reached}经{committee}主持调解，"
            "自愿达成如下调解协议：",
            "indent",
        ),
        *_terms(agreement),
        pdf.fixed(
            "申请人出于解决纠纷的目的自愿达成协议，没有恶意串通、规避法律的行为；如果因为该协议"
            "内容而给他人造成损害的，愿意承担相应的民事责任和其他法律责任。",
            "indent",
        ),
        Spacer(1, 4 * mm),
        pdf.fixed("此致"),
        pdf.para(court_name(case)),
        Spacer(1, 2 * mm),
        pdf.para(f"附：人民调解协议书（编号：{case.number}）一份；申请人身份证明材料。", "small"),
        KeepTogether(
            _signature_rows(
                [f"申请人{p.name}（签名、盖章或按指印）" for p in parties.principals] + ["日期"]
            )
        ),
        Spacer(1, 6 * mm),
        pdf.fixed(
            "说明：调解协议生效之日起三十日内，由双方当事人共同向调解组织所在地基层人民法院提出"
            "申请（不收费）。法院确认后，一方拒绝履行或者未全部履行的，对方可以向人民法院申请"
            "强制执行。涉及身份关系（婚姻、亲子、收养）或者物权、知识产权确权的协议不能申请"
            f"司法确认。达成协议日期：{chinese_date(on)}。",
            "small",
        ),
    ]
    return pdf.build(story, title=CONFIRMATION_TITLE, number=case.number)


# Notices to the parties ----------------------------------------------------------------------


def notice_event(case: Case, which: str) -> CaseEvent | None:
    kind, _title = NOTICES[which]
    return (
        CaseEvent.objects.filter(case=case, kind=kind)
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )


def issued_notices(case: Case) -> set[str]:
    """Which notices the case's timeline gives grounds for, in one query."""
    kinds = {kind: which for which, (kind, _title) in NOTICES.items()}
    found = CaseEvent.objects.filter(case=case, kind__in=list(kinds)).values_list("kind", flat=True)
    return {kinds[kind] for kind in found.distinct()}


def notice_pdf(case: Case, which: str, event: CaseEvent) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        return _notice_pdf(case, which, event)


def _reason(event: CaseEvent) -> str:
    reason = str((event.payload or {}).get("reason", "")).strip()
    return reason.rstrip("。") or "当事人一方明确拒绝调解或者纠纷不宜调解"


def _notice_body(case: Case, which: str, event: CaseEvent, party: Party) -> list[str]:
    from .services import other_routes_text

    others = [p.name for p in parties_of(case).principals if p.side != party.side]
    between = f"你（单位）与{'、'.join(others) or BLANK}之间的{case.category.name}纠纷"
    when = chinese_date(event.at)
    if which == "accepted":
        actor = event.actor
        mediator = f"{actor.last_name}{actor.first_name}".strip() if actor else ""
        return [
            f"{between}（编号：{case.number}），本委员会已于{when}受理，"
            f"由人民调解员{mediator or BLANK}主持调解。",
            "人民调解不收费。在调解活动中，你有权选择或者接受人民调解员；有权接受调解、拒绝调解"
            "或者要求终止调解；有权要求调解公开进行或者不公开进行；有权自主表达意愿、自愿达成"
            "调解协议。你应当如实陈述纠纷事实，遵守调解现场秩序，尊重对方当事人行使权利。",
            f"调解的时间、地点将另行通知。联系地点：{case.organisation.name}。",
        ]
    routes = other_routes_text()
    if which == "not-accepted":
        return [
            f"{between}（编号：{case.number}），经审查，因{_reason(event)}，"
            f"本委员会于{when}决定不予受理。",
            routes,
        ]
    return [
        f"{between}（编号：{case.number}），经本委员会主持调解，因{_reason(event)}，"
        f"本委员会于{when}决定终止调解。",
        routes,
    ]


def _notice_pdf(case: Case, which: str, event: CaseEvent) -> bytes:
    _kind, title = NOTICES[which]
    story: list = []
    addressees = parties_of(case).principals or [Party(name=BLANK, side=PartySide.APPLICANT)]
    for index, party in enumerate(addressees):
        if index:
            story.append(PageBreak())
        story += [
            pdf.fixed(title, "title"),
            pdf.para(f"编号：{case.number}", "number"),
            pdf.para(f"{party.name}："),
            *(pdf.para(line, "indent") for line in _notice_body(case, which, event, party)),
            pdf.fixed("特此通知。", "indent"),
            KeepTogether(_seal_lines(case, event.at)),
        ]
    return pdf.build(story, title=title, number=case.number)


def missing_characters(case: Case, agreement: Agreement | None) -> list[str]:
    """Characters in what the papers print that the font cannot draw (printed as □), for
    the staff to complete by hand on the printed copy."""
    values = [case.number, case.category.name, case.organisation.name]
    for party in case.parties.all():
        values += [party.name, party.address, party.occupation, party.ethnicity]
        values.append(party.legal_representative)
    if agreement is not None:
        values += [agreement.facts, agreement.text]
        values += [f"{t.obligor}{t.action}" for t in agreement.terms.all()]
    return pdf.missing_characters(*values)
