"""Chinese identifiers as domain.md §1 and §7 define them: resident ID, unified social
credit code, mainland mobile number and court case number.

Each ``clean_*`` function returns the normalised value or raises ``ValidationError`` with a
message in Chinese that tells the user what is wrong.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

DEFAULT_COURT_TYPE_CODES = ("民初", "民终", "民诉前调", "民特", "财保", "执保", "执")


def normalised(value) -> str:
    """NFKC first, so that full-width digits and letters (１３８…, Ｘ) become the ASCII ones they
    look like and are checked, stored and hashed as such; other scripts' digits stay what they
    are and fail the checks, which accept ASCII digits only."""
    return unicodedata.normalize("NFKC", str(value or ""))


def resident_id_check_char(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def _birth_date(digits: str) -> dt.date | None:
    try:
        born = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None
    return born if born <= timezone.localdate() else None


def clean_resident_id(value: str) -> str:
    """Validate a GB 11643-1999 resident ID; a 15-digit old ID is upgraded to 18 digits.

    The address code is not checked against today's division list: retired Zhanjiang codes
    (440811 郊区, 440824 海康县, ...) still appear on valid cards.
    """
    raw = re.sub(r"\s+", "", normalised(value)).upper()
    if re.fullmatch(r"[0-9]{15}", raw):
        raw = raw[:6] + "19" + raw[6:]
        if _birth_date(raw[6:14]) is None:
            raise ValidationError(_("身份证号码中的出生日期不存在。"), code="id_date")
        return raw + resident_id_check_char(raw)
    if not re.fullmatch(r"[0-9]{17}[0-9X]", raw):
        raise ValidationError(
            _("身份证号码应为18位（最后一位可以是X），例如 440802199001011238。"), code="id_format"
        )
    if _birth_date(raw[6:14]) is None:
        raise ValidationError(_("身份证号码中的出生日期不存在。"), code="id_date")
    if resident_id_check_char(raw[:17]) != raw[17]:
        raise ValidationError(_("身份证号码校验位不正确，请核对每一位数字。"), code="id_checksum")
    return raw


def resident_id_facts(value: str) -> tuple[str, dt.date | None]:
    """Sex ("male"/"female") and birth date read from a valid 18-digit resident ID: the
    17th digit is odd for men (GB 11643-1999). Anything else gives ("", None)."""
    raw = str(value or "").upper()
    if not re.fullmatch(r"\d{17}[\dX]", raw):
        return "", None
    return ("male" if int(raw[16]) % 2 else "female"), _birth_date(raw[6:14])


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


@dataclass(frozen=True)
class CreditCode:
    value: str
    checksum_ok: bool

    @property
    def warning(self) -> str:
        if self.checksum_ok:
            return ""
        return _("统一社会信用代码校验位未通过。早期部分代码如此，已保存，请核对证照。")


def clean_credit_code(value: str) -> CreditCode:
    """Validate a GB 32100-2015 unified social credit code.

    The alphabet and length are enforced; a failed check character only warns, because some
    early legitimate codes fail it.
    """
    raw = re.sub(r"\s+", "", normalised(value)).upper()
    if len(raw) != 18 or any(c not in USCC_CHARS for c in raw):
        raise ValidationError(
            _("统一社会信用代码应为18位，由数字和大写字母组成（不含 I、O、Z、S、V）。"),
            code="uscc_format",
        )
    return CreditCode(raw, uscc_check_char(raw[:17]) == raw[17])


def clean_mobile(value: str) -> str:
    raw = re.sub(r"[\s\-().]", "", normalised(value))
    for prefix in ("+86", "0086"):
        if raw.startswith(prefix):
            raw = raw[len(prefix) :]
            break
    if not re.fullmatch(r"1[3-9][0-9]{9}", raw):
        raise ValidationError(
            _("手机号码应为11位，以1开头，例如 13812345678。"), code="mobile_format"
        )
    return raw


def mask_resident_id(value: str) -> str:
    return value[:6] + "*" * (len(value) - 10) + value[-4:] if len(value) > 10 else "****"


def mask_mobile(value: str) -> str:
    return value[:3] + "****" + value[-4:] if len(value) == 11 else "****"


@dataclass(frozen=True)
class CourtCaseNumber:
    year: int
    court_code: str
    type_code: str
    sequence: int
    suffix: str = ""

    def __str__(self) -> str:
        return f"（{self.year}）{self.court_code}{self.type_code}{self.sequence}号{self.suffix}"


_CASE_NUMBER = re.compile(
    r"[（(〔](?P<year>[0-9]{4})[）)〕]"
    r"(?P<court>粤[0-9]{2}(?:[0-9]{2})?)"
    r"(?P<type>[^0-9\s]+?)"
    r"(?P<seq>[0-9]+)号"
    r"(?P<suffix>之[一二三四五六七八九十]+)?"
)


def clean_court_case_number(value: str, allowed_types: set[str] | None = None) -> CourtCaseNumber:
    """Parse 案号 such as （2026）粤0804民诉前调12号; ( ) and 〔 〕 are accepted on input and the
    result is printed with full-width brackets."""
    raw = re.sub(r"\s+", "", normalised(value))
    match = _CASE_NUMBER.fullmatch(raw)
    if match is None:
        raise ValidationError(
            _("案号格式应为“（年度）法院代字+类型代字+序号+号”，例如（2026）粤0804民诉前调12号。"),
            code="case_number_format",
        )
    if match["seq"].startswith("0"):
        raise ValidationError(_("案号序号不应有前导零。"), code="case_number_sequence")
    year = int(match["year"])
    if not 1990 <= year <= timezone.localdate().year + 1:
        raise ValidationError(_("案号年度不正确。"), code="case_number_year")
    types = allowed_types if allowed_types is not None else court_type_codes()
    if match["type"] not in types:
        raise ValidationError(
            _("案件类型代字“%(type)s”不在允许范围内。") % {"type": match["type"]},
            code="case_number_type",
        )
    return CourtCaseNumber(
        year, match["court"], match["type"], int(match["seq"]), match["suffix"] or ""
    )


def court_type_codes() -> set[str]:
    from .models import CaseTypeCode

    return set(CaseTypeCode.objects.values_list("code", flat=True))
