"""Staff API tokens: issued for a username and password, kept as a hash, expiring, revoked at
logout and when the user or a membership of theirs is switched off."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.signals import user_logged_out
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .models import ApiToken

# last_used_at is written at most this often per token, not on every request.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue_token(user) -> tuple[str, ApiToken]:
    """A new key for the user (returned once) and its row."""
    key = secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken.objects.create(
        user=user,
        key_prefix=key[:8],
        key_hash=hash_key(key),
        created_at=now,
        expires_at=now + dt.timedelta(hours=settings.API_TOKEN_LIFETIME_HOURS),
    )
    return key, token


def revoke_tokens(user) -> int:
    return ApiToken.objects.filter(user=user).revoke()


def touch(model, token, now: dt.datetime) -> None:
    """Record a token's use, at most once a minute: a conditional UPDATE, no read."""
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        model.objects.filter(pk=token.pk).update(last_used_at=now)


def key_from_header(request, keyword: str) -> str | None:
    """The key of an ``Authorization: <keyword> <key>`` header; None for another scheme."""
    header = authentication.get_authorization_header(request).split()
    if not header or header[0].decode(errors="replace") != keyword:
        return None
    if len(header) != 2:
        raise exceptions.AuthenticationFailed(_("令牌格式不正确。"))
    return header[1].decode(errors="replace")


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        key = key_from_header(request, self.keyword)
        if key is None:
            return None
        now = timezone.now()
        token = ApiToken.objects.usable(now).select_related("user").filter(key_hash=hash_key(key))
        token = token.first()
        if token is None:
            raise exceptions.AuthenticationFailed(_("令牌无效、已过期或已吊销，请重新登录获取。"))
        touch(ApiToken, token, now)
        return token.user, token

    def authenticate_header(self, request) -> str:
        return self.keyword


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.tokens.ApiTokenAuthentication"
    name = "staffToken"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "Authorization"}


def _revoke_at_logout(sender, request, user, **kwargs) -> None:
    if user is not None:
        revoke_tokens(user)


user_logged_out.connect(_revoke_at_logout, dispatch_uid="accounts-revoke-tokens-at-logout")


def _revoke_when_user_switched_off(sender, instance, **kwargs) -> None:
    if not instance.is_active:
        revoke_tokens(instance)


def _revoke_when_membership_switched_off(sender, instance, **kwargs) -> None:
    # A membership switched off (or removed) changes what the user may do: a token issued
    # under the old roles must not outlive it.
    if not instance.is_active or kwargs.get("signal") is post_delete:
        revoke_tokens(instance.user_id and instance.user)


def connect_receivers() -> None:
    from django.contrib.auth import get_user_model

    from .models import Membership

    post_save.connect(
        _revoke_when_user_switched_off,
        sender=get_user_model(),
        dispatch_uid="accounts-revoke-tokens-user-off",
    )
    for signal in (post_save, post_delete):
        signal.connect(
            _revoke_when_membership_switched_off,
            sender=Membership,
            dispatch_uid=f"accounts-revoke-tokens-membership-off-{id(signal)}",
        )
