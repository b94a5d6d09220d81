"""What the public endpoints of cases and legal aid share: the answer when a client is
rate-limited, and the key that makes a retried submission find what it filed."""

from __future__ import annotations

import hashlib
import json

from rest_framework import status
from rest_framework.response import Response

from . import ratelimit


def too_many_requests() -> Response:
    return Response({"detail": ratelimit.message()}, status=status.HTTP_429_TOO_MANY_REQUESTS)


def idempotency_key(header: str, payload: object, prefix: str = "api") -> str | None:
    """The client's key bound to what it sent: a retry of the same submission finds its case,
    while someone replaying a guessed key with other content cannot read another person's
    case number and tracking code."""
    header = header.strip()[:200]
    if not header:
        return None
    body = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return f"{prefix}:" + hashlib.sha256(f"{header}\n{body}".encode()).hexdigest()
