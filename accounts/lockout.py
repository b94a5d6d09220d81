"""Login throttling (django-axes): what a refused login sees, and how usernames are counted.

After AXES_FAILURE_LIMIT wrong passwords for one account, or from one client address, further
attempts are refused for AXES_COOLOFF_MINUTES, on the login page and on the token API alike,
before any password is checked. Each failure and lock-out is logged by axes; an administrator
sees them, and releases a lock-out, in the admin (访问尝试: delete the attempt).
"""

from __future__ import annotations

import unicodedata

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def username_of(request, credentials: dict | None) -> str:
    """The account a login names, as Django would look it up (case and width folded), so that
    陈ＡＢ and 陈ab count as one account."""
    raw = (credentials or {}).get("username") or ""
    if not raw and request is not None:
        data = getattr(request, "data", None) or getattr(request, "POST", {})
        raw = data.get("username", "") if hasattr(data, "get") else ""
    return unicodedata.normalize("NFKC", str(raw)).strip()[:150]


def lockout_message() -> str:
    return _(
        "登录失败次数过多，已暂时锁定，请 %(minutes)s 分钟后再试。如需立即解锁，请联系系统管理员。"
    ) % {"minutes": settings.AXES_COOLOFF_MINUTES}


def locked_out_response(request, response=None, credentials=None):
    """429 with the Chinese message: JSON for the API, the login page (username kept) else."""
    from django.contrib.auth.forms import AuthenticationForm

    request = getattr(request, "_request", request)
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": lockout_message()}, status=429)
    form = AuthenticationForm(request, initial={"username": username_of(request, credentials)})
    context = {"form": form, "lockout": lockout_message(), "next": request.POST.get("next", "")}
    return render(request, "accounts/login.html", context, status=429)
