"""Personal data kept out of logs and the admin (PIPL): mobile numbers as 138****5678,
resident ID numbers as 440802********1238, and a person's given name hidden behind the family
name (陈**) where a message greets them.

``PersonalDataFilter`` is on every log handler (settings.LOGGING), so a message logged by any
part of the portal, the SMS log backend included, is masked before it is written.
"""

from __future__ import annotations

import logging
import re

_MOBILE = re.compile(r"(?<![0-9])(?:\+?86)?(1[3-9][0-9])([0-9]{4})([0-9]{4})(?![0-9])")
_RESIDENT_ID = re.compile(r"(?<![0-9])([0-9]{6})([0-9]{8})([0-9]{3}[0-9Xx])(?![0-9A-Za-z])")
# A name right before a greeting or a title: keep the family name, hide the given name.
_GREETED = re.compile(r"([\u4e00-\u9fff])([\u4e00-\u9fff]{1,3})(?=您好|先生|女士|同志)")
_EMAIL = re.compile(r"\b([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+)")


def mask_personal_data(text: str) -> str:
    text = _RESIDENT_ID.sub(lambda m: m[1] + "*" * 8 + m[3][-4:], str(text))
    text = _MOBILE.sub(lambda m: f"{m[1]}****{m[3]}", text)
    text = _GREETED.sub(lambda m: m[1] + "*" * len(m[2]), text)
    return _EMAIL.sub(lambda m: f"{m[1]}***@{m[2]}", text)


def mask_name(name: str) -> str:
    """陈海燕 → 陈**; an organisation's name (longer than four characters) stays readable."""
    name = (name or "").strip()
    if not name or len(name) > 4:
        return name
    return name[0] + "*" * (len(name) - 1)


class PersonalDataFilter(logging.Filter):
    """Rewrites each record's message with personal data masked (arguments merged first)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True
        masked = mask_personal_data(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True
