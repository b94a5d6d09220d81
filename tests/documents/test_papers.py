"""The mediation papers as their readers get them: fonts embedded, text extractable, pages
with ink on them, user text printed literally, long agreements over many pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from cases.models import PartySide
from cases.services import PartyInput
from mediation import services
from mediation.models import Agreement
from notifications.models import OutboundMessage
from tests.cases.factories import case_input
from tests.documents import reader
from tests.mediation.factories import a_mediator, an_accepted_case, in_mediation

pytestmark = [pytest.mark.django_db, reader.needs_poppler]

ROOM = "room-440804-family"
SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
HOSTILE = '<img src="/etc/hostname"/>'


@pytest.fixture
def chen(db):
    user = a_mediator("chen", ROOM, specialities=["marriage_family"])
    user.last_name, user.first_name = "陈", "海"
    user.save(update_fields=["last_name", "first_name"])
    return user


def parties(applicant: str = "陈某", respondent: str = "林某") -> list[PartyInput]:
    return [
        PartyInput(
            side=PartySide.APPLICANT,
            name=applicant,
            id_number="440802199001011238",
            phone="13812345678",
            address="坡头区官渡镇高岭村12号",
            ethnicity="汉族",
            occupation="湛江某水产公司职工",
        ),
        PartyInput(
            side=PartySide.RESPONDENT,
            name=respondent,
            kind="organisation",
            credit_code="91440800MA4W00000C",
            address="湛江市坡头区南调路8号",
            legal_representative="林大海",
            phone="13987654321",
        ),
    ]


def agree(chen, *, names=("陈某", "林某"), terms=None, text="", facts="双方因通道围墙发生争执。"):
    case = in_mediation(chen, parties=parties(*names))
    terms = terms or [
        services.TermInput(
            obligor=names[1],
            action="拆除占用通道的围墙",
            amount=Decimal("5000"),
            due_date=timezone.localdate() + dt.timedelta(days=30),
        )
    ]
    services.record_agreement(
        case=case, actor=chen, kind="written", facts=facts, terms=terms, text=text
    )
    return Agreement.objects.get(case=case)


def download(client, user, url: str) -> bytes:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, response.content[:200]
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    return b"".join(response.streaming_content) if response.streaming else response.content


def assert_readable(data: bytes, shot: str) -> str:
    """Every font embedded (as a subset), the first page not blank; returns the text."""
    used = reader.fonts(data)
    assert used, "a PDF with text uses at least one font"
    assert all(f.embedded and f.subset for f in used), used
    assert reader.ink(data, save_as=SHOTS / f"{shot}.png") > 0.005
    return reader.text(data)


def test_the_agreement_embeds_its_font_and_states_the_parties_basic_facts(client, chen):
    agreement = agree(chen)
    data = download(client, chen, f"/mediation/cases/{agreement.case_id}/documents/pdf/")

    text = assert_readable(data, "agreement")
    flat = "".join(text.split())
    assert "人民调解协议书" in flat
    assert f"编号：{agreement.case.number}" in flat
    assert "申请人：陈某，男，1990年1月1日出生" in flat
    assert "汉族，职业或工作单位：湛江某水产公司职工，住址：坡头区官渡镇高岭村12号" in flat
    assert "身份证号码：440802********1238" in flat
    assert "被申请人：林某，住所：湛江市坡头区南调路8号，法定代表人：林大海" in flat
    assert "林某拆除占用通道的围墙，金额¥5,000.00" in flat
    # The seal is the people's mediation committee's, not the workroom's.
    assert "湛江市坡头区人民调解委员会（印章）" in flat
    assert "工作室" not in flat


def test_a_party_named_with_markup_is_printed_literally_and_nothing_is_opened(client, chen):
    agreement = agree(chen, names=(HOSTILE, "<b>林某</b>"), text="&amp; <font size=40>大</font>")

    data = download(client, chen, f"/mediation/cases/{agreement.case_id}/documents/pdf/")

    flat = "".join(assert_readable(data, "agreement-markup").split())
    assert '申请人：<imgsrc="/etc/hostname"/>' in flat
    assert "被申请人：<b>林某</b>" in flat
    assert "&amp;<fontsize=40>大</font>" in flat
    assert reader.image_count(data) == 0


def test_a_thirty_page_agreement_spills_over_pages_with_the_header_on_each(client, chen):
    long_facts = "\n".join(
        f"第{n}段：双方就通道宽度、围墙高度和排水沟走向各执一词。" for n in range(1000)
    )
    agreement = agree(chen, facts=long_facts)

    data = download(client, chen, f"/mediation/cases/{agreement.case_id}/documents/pdf/")

    pages = reader.pages(data)
    assert len(pages) >= 30
    number = agreement.case.number
    for n, page in enumerate(pages, start=1):
        flat = "".join(page.split())
        assert flat.startswith(f"人民调解协议书{number}"), (n, flat[:40])
        assert f"第{n}页，共{len(pages)}页" in flat
    last = "".join(pages[-1].split())
    assert "人民调解员（签名）" in last
    assert "人民调解委员会（印章）" in last
    assert "第999段" in "".join(reader.text(data).split())


def test_a_character_outside_the_font_prints_as_a_box_and_is_listed_for_staff(client, chen):
    agreement = agree(chen, names=("陈𠮷", "林某"))

    data = download(client, chen, f"/mediation/cases/{agreement.case_id}/documents/pdf/")
    page = client.get(f"/mediation/cases/{agreement.case_id}/").content.decode()

    assert "申请人：陈□，男" in "".join(assert_readable(data, "agreement-box").split())
    assert "打印字体中没有这些字：𠮷" in page


def test_the_joint_application_for_judicial_confirmation_names_the_court_and_the_terms(
    client, chen
):
    agreement = agree(chen)

    data = download(client, chen, f"/mediation/cases/{agreement.case_id}/papers/confirmation/")

    flat = "".join(assert_readable(data, "confirmation").split())
    assert "司法确认申请书" in flat
    assert "申请人：陈某，男" in flat
    assert "申请人：林某，住所" in flat
    assert "经湛江市坡头区人民调解委员会主持调解" in flat
    assert "林某拆除占用通道的围墙" in flat
    assert "此致湛江市坡头区人民法院" in flat


def test_acceptance_is_noticed_on_paper_and_by_text_to_each_party(client, chen):
    case = an_accepted_case(chen)

    data = download(client, chen, f"/mediation/cases/{case.pk}/papers/accepted/")

    pages = ["".join(p.split()) for p in reader.pages(data)]
    assert len(pages) == 2
    assert "陈某：你（单位）与林某之间的婚姻家庭纠纷" in pages[0]
    assert "林某：你（单位）与陈某之间的婚姻家庭纠纷" in pages[1]
    assert "由人民调解员陈海主持调解" in pages[0]
    assert "人民调解不收费" in pages[0]
    assert_readable(data, "notice-accepted")
    texts = OutboundMessage.objects.filter(kind="mediation_accepted").order_by("to")
    assert [m.to for m in texts] == ["13812345678", "13987654321"]
    assert "已于" in texts[0].body
    assert "受理" in texts[0].body


@pytest.mark.parametrize(
    ("verb", "which", "kind", "heading"),
    [
        ("not_accept", "not-accepted", "mediation_not_accepted", "决定不予受理"),
        ("terminate", "terminated", "mediation_terminated", "决定终止调解"),
    ],
)
def test_a_refusal_or_termination_tells_the_parties_why_and_where_else_to_go(
    client, chen, verb, which, kind, heading
):
    case = an_accepted_case(chen)
    if verb == "terminate":
        case = services.start_mediation(case=case, actor=chen)
    getattr(services, verb)(case=case, actor=chen, reason="被申请人明确拒绝调解")

    data = download(client, chen, f"/mediation/cases/{case.pk}/papers/{which}/")

    flat = "".join(assert_readable(data, f"notice-{which}").split())
    assert "因被申请人明确拒绝调解，本委员会于" in flat
    assert heading in flat
    assert "向人民法院起诉" in flat
    assert "劳动人事争议仲裁" in flat
    assert "湛江市坡头区人民调解委员会（印章）" in flat
    texts = OutboundMessage.objects.filter(kind=kind)
    assert sorted(m.to for m in texts) == ["13812345678", "13987654321"]
    assert all("原因：被申请人明确拒绝调解" in m.body and "向人民法院起诉" in m.body for m in texts)
    assert not OutboundMessage.objects.filter(kind="decision_made").exists()


def test_papers_of_a_case_out_of_reach_or_not_yet_issued_are_not_found(client, chen):
    case = an_accepted_case(chen)
    stranger = a_mediator("lin", "room-440882-family")
    client.force_login(stranger)
    assert client.get(f"/mediation/cases/{case.pk}/papers/accepted/").status_code == 404
    client.force_login(chen)
    assert client.get(f"/mediation/cases/{case.pk}/papers/terminated/").status_code == 404
    assert client.get(f"/mediation/cases/{case.pk}/papers/confirmation/").status_code == 404
    assert client.get(f"/mediation/cases/{case.pk}/papers/passwd/").status_code == 404


def test_the_case_page_links_every_paper_that_can_be_printed(client, chen):
    agreement = agree(chen)
    client.force_login(chen)

    page = client.get(f"/mediation/cases/{agreement.case_id}/").content.decode()

    assert f"/mediation/cases/{agreement.case_id}/papers/confirmation/" in page
    assert f"/mediation/cases/{agreement.case_id}/papers/accepted/" in page
    assert f"/mediation/cases/{agreement.case_id}/documents/pdf/" in page
    assert "papers-missing" not in page


def test_a_case_filed_before_basic_facts_were_kept_still_prints_sex_and_birth_from_the_id(
    client, chen
):
    agreement = agree(chen)
    agreement.case.parties.update(sex="", birth_date=None)

    data = download(client, chen, f"/mediation/cases/{agreement.case_id}/papers/confirmation/")

    assert "陈某，男，1990年1月1日出生" in "".join(reader.text(data).split())


def test_default_case_input_has_no_facts_and_prints_without_them(client, chen):
    case = in_mediation(chen, parties=case_input().parties)
    services.record_agreement(
        case=case,
        actor=chen,
        kind="written",
        facts="通道纠纷",
        terms=[services.TermInput(obligor="林某", action="拆除围墙")],
    )
    data = download(client, chen, f"/mediation/cases/{case.pk}/documents/pdf/")
    flat = "".join(assert_readable(data, "agreement-plain").split())
    assert "被申请人：林某，联系电话：139****4321。" in flat


def test_the_api_serves_the_same_papers_to_staff_in_scope_only(client, chen):
    agreement = agree(chen)
    api = f"/api/v1/mediation/cases/{agreement.case_id}/papers"
    assert client.get(f"{api}/agreement/").status_code in (401, 403)

    for which in ("agreement", "confirmation", "accepted"):
        data = download(client, chen, f"{api}/{which}/")
        assert "陈某" in reader.text(data)
    assert client.get(f"{api}/terminated/").status_code == 404
    client.force_login(a_mediator("lin", "room-440882-family"))
    assert client.get(f"{api}/confirmation/").status_code == 404
