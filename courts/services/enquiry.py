"""The 12368 enquiry line: the keyed hash of a case's six-digit enquiry password, the check
of a caller's case number and password, and the hourly limit on wrong answers per member of
staff."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError

from accounts.identifiers import clean_court_case_number

from ..models import PreLitigationCase


def enquiry_hash(password: str) -> str:
    # A keyed hash, not a password hasher: the 6-digit code is checked by court staff on the
    # phone, and registration must stay cheap under a burst of pushes.
    return hmac.new(settings.PII_HASH_KEY.encode(), password.encode(), hashlib.sha256).hexdigest()


def _enquiry_failures_key(user) -> str:
    return f"courts:12368-failures:{user.pk}"


def enquiry_locked(user) -> bool:
    """A six-digit password must not be guessed: each member of staff gets a limited number of
    wrong answers an hour."""
    return cache.get(_enquiry_failures_key(user), 0) >= settings.ENQUIRY_MAX_FAILURES_PER_HOUR


def check_enquiry(*, number: str, password: str, courts, user) -> PreLitigationCase | None:
    """12368: a case is read to the caller only with its number and enquiry password."""
    plc = None
    try:
        number = str(clean_court_case_number(number))
    except ValidationError:
        number = ""
    if number:
        plc = (
            PreLitigationCase.objects.select_related("case", "court", "mediation_organisation")
            .filter(court__in=courts, court_case_number=number)
            .first()
        )
    if plc and hmac.compare_digest(plc.enquiry_password_hash, enquiry_hash(password.strip())):
        return plc
    key = _enquiry_failures_key(user)
    cache.add(key, 0, 3600)
    cache.incr(key)
    return None
