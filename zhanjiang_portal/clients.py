"""Who is calling: the client address that rate limits and login throttling count by.

Without a proxy it is the connection's address. Behind a reverse proxy every request comes from
the proxy, so a deployment names the header the proxy sets (CLIENT_IP_HEADER, usually
X-Forwarded-For) and how many proxies append to it (CLIENT_IP_PROXY_COUNT); the entry that
many places from the right is the one the first trusted proxy saw, which a client cannot forge
(entries further left are whatever the client sent).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The client's address, or None when there is none to tell (a request built in code)."""
    request = getattr(request, "_request", request)  # a DRF Request wraps Django's
    remote = _address(request.META.get("REMOTE_ADDR") or "")
    header = settings.CLIENT_IP_HEADER
    if not header:
        return remote
    key = "HTTP_" + header.upper().replace("-", "_")
    hops = [hop.strip() for hop in request.META.get(key, "").split(",") if hop.strip()]
    count = max(settings.CLIENT_IP_PROXY_COUNT, 1)
    if len(hops) < count:
        return remote
    return _address(hops[-count]) or remote
