"""Personal information under PIPL: resident ID numbers are stored encrypted (Fernet, key from
the environment) with a keyed hash beside them for exact lookups and duplicate detection."""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.utils.translation import gettext


@lru_cache(maxsize=1)
def _fernet() -> Fernet:
    return Fernet(settings.PII_ENCRYPTION_KEY.encode())


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode() if value else ""


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        # A row written under a retired key: say so rather than fail the page.
        return gettext("（无法解密）")


def lookup_hash(value: str) -> str:
    """HMAC-SHA256 of a normalised identifier: equal inputs give equal hashes, and the hash is
    useless without the key."""
    if not value:
        return ""
    return hmac.new(settings.PII_HASH_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()
