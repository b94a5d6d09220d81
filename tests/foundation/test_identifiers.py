from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from accounts.identifiers import (
    clean_court_case_number,
    clean_credit_code,
    clean_mobile,
    clean_resident_id,
    mask_mobile,
    mask_resident_id,
)

TYPES = {"民初", "民终", "民诉前调", "民特", "财保", "执保", "执"}


@pytest.mark.parametrize(
    "value", ["440802199001011238", "440882198512310042", "44082419800101001X"]
)
def test_the_synthetic_ids_of_domain_md_are_valid(value):
    assert clean_resident_id(value) == value


def test_a_lower_case_x_is_accepted_and_upper_cased():
    assert clean_resident_id("44082419800101001x") == "44082419800101001X"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("440802199001011239", "id_checksum"),
        ("44080219900101123", "id_format"),
        ("440802199002301234", "id_date"),
        ("440802209901011234", "id_date"),
        ("4408021990010112A8", "id_format"),
    ],
)
def test_a_bad_resident_id_is_refused_with_a_reason(value, code):
    with pytest.raises(ValidationError) as caught:
        clean_resident_id(value)
    assert caught.value.code == code
    assert "身份证" in caught.value.message


def test_a_fifteen_digit_id_is_upgraded_with_19_and_a_check_character():
    assert clean_resident_id("440802900101123") == "440802199001011238"


def test_retired_zhanjiang_address_codes_are_still_valid():
    # 440824 海康县 no longer exists, but cards issued there are still in use.
    assert clean_resident_id("44082419800101001X").startswith("440824")


@pytest.mark.parametrize("value", ["91350100M000100Y43", "91440800MA4W00000C"])
def test_the_credit_codes_of_domain_md_pass_their_check(value):
    code = clean_credit_code(value)
    assert code.value == value
    assert code.checksum_ok
    assert code.warning == ""


def test_a_credit_code_failing_its_check_is_kept_with_a_warning():
    code = clean_credit_code("91440800MA4W00000D")
    assert not code.checksum_ok
    assert "校验位" in code.warning


@pytest.mark.parametrize("value", ["91440800MA4W0000OC", "9144080MA4W00000C", "91440800MA4W0000IC"])
def test_a_credit_code_with_forbidden_letters_or_wrong_length_is_refused(value):
    with pytest.raises(ValidationError):
        clean_credit_code(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("13812345678", "13812345678"),
        ("+86 138-1234-5678", "13812345678"),
        ("0086 19912345678", "19912345678"),
        ("138 1234 5678", "13812345678"),
    ],
)
def test_mobiles_are_normalised(value, expected):
    assert clean_mobile(value) == expected


@pytest.mark.parametrize(
    "value", ["1381234567", "12812345678", "138123456789", "23812345678", "abc"]
)
def test_a_bad_mobile_is_refused(value):
    with pytest.raises(ValidationError) as caught:
        clean_mobile(value)
    assert "11位" in caught.value.message


def test_masks_hide_the_middle():
    assert mask_resident_id("440802199001011238") == "440802********1238"
    assert mask_mobile("13812345678") == "138****5678"


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        ("（2026）粤0804民诉前调12号", "（2026）粤0804民诉前调12号"),
        ("(2026)粤0804民初3号", "（2026）粤0804民初3号"),
        ("〔2025〕粤08民终1024号", "（2025）粤08民终1024号"),
        ("（2026）粤0802民特7号之一", "（2026）粤0802民特7号之一"),
        ("（2026）粤0882财保5号", "（2026）粤0882财保5号"),
        ("（2026）粤0883执1号", "（2026）粤0883执1号"),
    ],
)
def test_court_case_numbers_are_parsed_and_printed_with_full_width_brackets(value, printed):
    number = clean_court_case_number(value, TYPES)
    assert str(number) == printed


def test_a_case_number_is_split_into_its_parts():
    number = clean_court_case_number("（2026）粤0804民诉前调12号", TYPES)
    assert (number.year, number.court_code, number.type_code, number.sequence) == (
        2026,
        "粤0804",
        "民诉前调",
        12,
    )


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("2026粤0804民初3号", "case_number_format"),
        ("（2026）粤0804民初03号", "case_number_sequence"),
        ("（2026）粤0804刑初3号", "case_number_type"),
        ("（1890）粤0804民初3号", "case_number_year"),
        ("（2026）京0804民初3号", "case_number_format"),
        ("（2026）粤0804民初3", "case_number_format"),
    ],
)
def test_a_bad_court_case_number_is_refused(value, code):
    with pytest.raises(ValidationError) as caught:
        clean_court_case_number(value, TYPES)
    assert caught.value.code == code


@pytest.mark.django_db
def test_the_type_allow_list_comes_from_reference_data_an_administrator_can_extend():
    from accounts.models import CaseTypeCode

    with pytest.raises(ValidationError):
        clean_court_case_number("（2026）粤0804民撤3号")
    CaseTypeCode.objects.create(code="民撤", name="撤诉")
    assert clean_court_case_number("（2026）粤0804民撤3号").type_code == "民撤"
