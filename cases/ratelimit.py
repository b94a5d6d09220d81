"""Per-client limits on the public endpoints, counted in the Django cache (Redis in
production, so every worker process shares the counts; never a database query). Fixed windows:
simple and enough to stop guessing tracking codes and flooding the intake.

Public filing counts two things separately (settings.CASES_RATE_LIMITS):
- filings that went through: per client address *and* applicant ("filing"), so that villagers
  behind one shared address (a village office, a mobile carrier's NAT) do not share one limit,
  with a wider cap per address ("filing_address") and a global ceiling over all clients
  ("filing_global") that protects the database;
- submissions refused as malformed or invalid, per address ("invalid"): a villager who mistypes
  ten times is not locked out of filing, while a flood of junk is.

The client address is zhanjiang_portal.clients.client_ip: REMOTE_ADDR, or behind a reverse
proxy the entry of CLIENT_IP_HEADER that CLIENT_IP_PROXY_COUNT names (README, settings).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.utils.translation import gettext as _

from zhanjiang_portal.clients import client_ip

# bucket -> (requests allowed, window in seconds); override with settings.CASES_RATE_LIMITS.
DEFAULT_LIMITS = {
    "lookup": (30, 60),
    "filing": (10, 3600),
    "filing_address": (100, 3600),
    "invalid": (60, 3600),
    "filing_global": (300, 60),
    "evidence": (40, 3600),
}


def limits() -> dict[str, tuple[int, int]]:
    return {**DEFAULT_LIMITS, **getattr(settings, "CASES_RATE_LIMITS", {})}


def client_of(request) -> str:
    return client_ip(request) or "unknown"


def _key(bucket: str, who: str) -> str:
    return f"cases:rate:{bucket}:{who}"


def _count(bucket: str, who: str) -> int:
    """Add one to the bucket's counter for ``who`` in the current window; the new count. One
    round trip to the cache when the window is open, two when it starts."""
    _allowed, window = limits()[bucket]
    key = _key(bucket, who)
    try:
        return cache.incr(key)
    except ValueError:  # no window yet: open one (unless another request just did)
        if cache.add(key, 1, timeout=window):
            return 1
        return cache.incr(key)


def _count_all(*buckets: tuple[str, str]) -> None:
    """Add one to each (bucket, who). On Redis one pipelined round trip for all of them
    (INCR, and EXPIRE NX opening the window of a new counter); elsewhere one by one."""
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        for bucket, who in buckets:
            _count(bucket, who)
        return
    client = backend._cache.get_client(write=True)
    pipe = client.pipeline(transaction=False)
    for bucket, who in buckets:
        key = backend.make_and_validate_key(_key(bucket, who))
        pipe.incr(key)
        pipe.expire(key, limits()[bucket][1], nx=True)
    pipe.execute()


def _full(*buckets: tuple[str, str]) -> bool:
    """True when any (bucket, who) is used up in its window; one round trip, nothing counted."""
    keys = {_key(bucket, who): bucket for bucket, who in buckets}
    counts = cache.get_many(list(keys))
    return any(counts.get(key, 0) >= limits()[bucket][0] for key, bucket in keys.items())


def is_limited(request, bucket: str) -> bool:
    """Count this request; True when the client has gone over its limit for the bucket."""
    allowed, _window = limits()[bucket]
    return _count(bucket, client_of(request)) > allowed


def _applicant(request, applicant: str) -> str:
    digest = hashlib.sha256(applicant.encode()).hexdigest()[:16]  # no phone number in Redis
    return f"{client_of(request)}:{digest}"


def filing_refused(request) -> bool:
    """Before a filing is looked at: has this address flooded, or the portal had enough?"""
    client = client_of(request)
    return _full(("invalid", client), ("filing_address", client), ("filing_global", "all"))


def applicant_refused(request, applicant: str) -> bool:
    """A valid filing: has this applicant at this address filed enough this hour?"""
    return _full(("filing", _applicant(request, applicant)))


def count_filing(request, applicant: str) -> None:
    _count_all(
        ("filing", _applicant(request, applicant)),
        ("filing_address", client_of(request)),
        ("filing_global", "all"),
    )


def count_invalid(request) -> None:
    _count("invalid", client_of(request))


def count_malformed_public_body(request) -> None:
    """A public submission refused for its body before any view saw it (a JSON bomb)."""
    if request.path.startswith("/api/v1/public/"):
        count_invalid(request)


def message() -> str:
    return _("操作太频繁，请稍后再试。如需帮助，请拨打 12348。")
