"""Timeline texts are stored in Chinese whoever acts and shown in the reader's language; a
text may carry another recorded text as a parameter, or be several of them in a row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from cases.models import PartySide
from cases.record import joined, record_payload, recorded, shown_text
from tests.cases.factories import a_case


def shown(text, language: str) -> str:
    stored, payload = record_payload(text, None)
    with translation.override(language):
        return shown_text(stored, payload)


def test_a_label_is_recorded_in_chinese_when_the_actor_reads_english():
    with translation.override("en"):
        text = recorded(
            "补充了%(side)s%(name)s的基本情况：%(facts)s。",
            side=PartySide.RESPONDENT.label,
            name="林某",
            facts="职业",
        )

    assert text == "补充了被申请人林某的基本情况：职业。"
    assert shown(text, "en").startswith("Completed the basic facts of Respondent 林某")


def test_a_recorded_parameter_keeps_its_message_id():
    with translation.override("en"):
        text = recorded(
            "已交办%(org)s%(case)s。",
            org="坡头区人民调解委员会",
            case=recorded("，纠纷案件编号%(n)s", n="坡头调〔2026〕1号"),
        )

    assert text == "已交办坡头区人民调解委员会，纠纷案件编号坡头调〔2026〕1号。"
    assert shown(text, "en") == (
        "Handed over to 坡头区人民调解委员会, dispute case number 坡头调〔2026〕1号."
    )
    assert shown(text, "zh-hans") == text


def test_joined_texts_are_stored_in_a_row_and_each_shown_by_its_own_id():
    with translation.override("en"):
        text = joined(
            recorded("信访事项不予受理。"),
            recorded("已告知信访人：%(notice)s", notice="不属于信访事项。"),
        )

    assert text == "信访事项不予受理。已告知信访人：不属于信访事项。"
    # In English the sentences are set off by a space.
    assert shown(text, "en") == "The petition is not accepted. Petitioner told: 不属于信访事项。"


def test_a_date_or_a_moment_is_written_in_the_readers_format():
    with translation.override("en"):
        text = recorded(
            "开始计算期限：%(rule)s，%(due)s届满。", rule="人民调解期限", due=dt.date(2026, 12, 29)
        ) + recorded(
            "已安排调解：%(when)s，地点：%(where)s。请当事人按时到场。",
            # 01:30 UTC is 09:30 in Zhanjiang.
            when=dt.datetime(2026, 12, 3, 1, 30, tzinfo=dt.UTC),
            where="坡头区中心婚姻家庭纠纷调解工作室",
        )

    assert text == (
        "开始计算期限：人民调解期限，2026年12月29日届满。"
        "已安排调解：2026年12月3日 09:30，地点：坡头区中心婚姻家庭纠纷调解工作室。请当事人按时到场。"
    )
    in_english = shown(text, "en")
    assert "29 Dec 2026" in in_english
    assert "3 Dec 2026 09:30" in in_english
    assert "年" not in in_english.replace("坡头区中心婚姻家庭纠纷调解工作室", "")
    assert shown(text, "zh-hans") == text


@pytest.mark.django_db
def test_a_case_filed_while_reading_english_is_on_the_record_in_chinese():
    with translation.override("en"):
        case = a_case()

    event = case.events.get(kind="filed")
    assert event.text == f"已登记，编号 {case.number}，由{case.organisation.name}受理。"
    with translation.override("en"):
        assert event.shown_text == (
            f"Registered as {case.number}, received by {case.organisation.name}."
        )
