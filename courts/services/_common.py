"""What the court workflows share: the refusal they raise, the ASCII idempotency key of a
hand-off, and the court case number checked against its court and type."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.identifiers import clean_court_case_number
from accounts.models import Organisation
from accounts.verbs import ActionRefused


class CourtActionRefused(ActionRefused):
    """A court action that the case's state or the rules of the field do not allow (409)."""


def stable_key(*parts) -> str:
    """An ASCII idempotency key derived from what makes the hand-off unique (it travels in an
    HTTP header, so the Chinese case number itself cannot)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "zhanjiang-portal:" + ":".join(map(str, parts))))


def normalise_number(value: str, *, court: Organisation, type_code: str) -> str:
    """The number printed with full-width brackets, checked against the court and type."""
    number = clean_court_case_number(value)
    if number.type_code != type_code:
        raise ValidationError(
            _("案号类型应为“%(type)s”。") % {"type": type_code}, code="case_number_type"
        )
    if number.court_code != court.court_code:
        raise ValidationError(
            _("案号中的法院代字应为%(code)s。") % {"code": court.court_code},
            code="case_number_court",
        )
    return str(number)
