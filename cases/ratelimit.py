"""Per-client limits on public lookups and filings, counted in the Django cache (Redis in
production, so every worker process shares the counts). Fixed windows: simple and enough to
stop guessing tracking codes and flooding the intake."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

# bucket -> (requests allowed, window in seconds); override with settings.CASES_RATE_LIMITS.
DEFAULT_LIMITS = {
    "lookup": (30, 60),
    "filing": (10, 3600),
    "evidence": (40, 3600),
}


def limits() -> dict[str, tuple[int, int]]:
    return {**DEFAULT_LIMITS, **getattr(settings, "CASES_RATE_LIMITS", {})}


def client_of(request) -> str:
    # Behind the production proxy REMOTE_ADDR is set from X-Forwarded-For by the proxy.
    return request.META.get("REMOTE_ADDR", "unknown")


def is_limited(request, bucket: str) -> bool:
    """Count this request; True when the client has gone over its limit for the bucket."""
    allowed, window = limits()[bucket]
    key = f"cases:rate:{bucket}:{client_of(request)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > allowed


def message() -> str:
    return _("操作太频繁，请稍后再试。如需帮助，请拨打 12348。")
