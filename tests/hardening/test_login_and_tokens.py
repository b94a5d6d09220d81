"""Guessing a way in: login throttling per account and per client on the page and the token
API, with a Chinese lock-out message an administrator can see and release; API tokens that
expire and die at logout and deactivation; tokens shown as hashes, phones masked, in the admin."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from axes.models import AccessAttempt
from django.utils import timezone

from accounts.models import ApiToken
from accounts.tokens import issue_token
from courts.models import CourtToken
from notifications.models import OutboundMessage
from tests.conftest import org
from tests.courts.helpers import URL as COURT_URL
from tests.courts.helpers import push_payload

pytestmark = pytest.mark.django_db
LOCKED = "登录失败次数过多，已暂时锁定，请 15 分钟后再试。如需立即解锁，请联系系统管理员。"


def login(client, password: str, username: str = "mediator_potou", **extra):
    return client.post("/accounts/login/", {"username": username, "password": password}, **extra)


def token(client, password: str, username: str = "mediator_potou", **extra):
    return client.post("/api/v1/auth/token/", {"username": username, "password": password}, **extra)


def test_the_login_page_locks_an_account_out_after_five_wrong_passwords(client, mediator):
    for _ in range(4):
        assert login(client, "wrong").status_code == 200
    assert login(client, "wrong").status_code == 429  # the fifth failure locks

    response = login(client, "pass-1234!")

    assert response.status_code == 429
    body = response.content.decode()
    assert LOCKED in body
    assert 'value="mediator_potou"' in body  # the username typed is kept
    assert "_auth_user_id" not in client.session


def test_the_token_api_locks_an_account_out_and_issues_nothing(client, mediator):
    for _ in range(4):
        assert token(client, "wrong").status_code == 400
    assert token(client, "wrong").status_code == 429

    response = token(client, "pass-1234!")

    assert response.status_code == 429
    assert response.json() == {"detail": LOCKED}
    assert ApiToken.objects.count() == 0


def test_one_client_guessing_many_accounts_is_locked_out_too(client, mediator, supervisor):
    for n in range(5):
        login(client, "wrong", username=f"nobody{n}", REMOTE_ADDR="203.0.113.9")

    response = login(client, "pass-1234!", username="supervisor_potou", REMOTE_ADDR="203.0.113.9")

    assert response.status_code == 429


def test_the_lockout_is_visible_and_released_in_the_admin(client, admin_client, mediator):
    for _ in range(5):
        login(client, "wrong")
    attempt = AccessAttempt.objects.get(username="mediator_potou")

    listing = admin_client.get("/admin/axes/accessattempt/")
    admin_client.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )

    assert "mediator_potou" in listing.content.decode()
    assert login(client, "pass-1234!").status_code == 302


def test_the_lockout_ends_after_the_cool_off(client, mediator):
    for _ in range(5):
        login(client, "wrong")

    with time_machine.travel(timezone.now() + dt.timedelta(minutes=16)):
        assert login(client, "pass-1234!").status_code == 302


def test_a_token_expires_after_its_lifetime(client, mediator, settings):
    settings.API_TOKEN_LIFETIME_HOURS = 12
    key, _token = issue_token(mediator)

    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    with time_machine.travel(timezone.now() + dt.timedelta(hours=13)):
        response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}")

    assert response.status_code == 401
    assert response.json()["detail"] == "令牌无效、已过期或已吊销，请重新登录获取。"


def test_the_token_api_says_when_the_token_expires(client, mediator):
    response = token(client, "pass-1234!")

    assert response.status_code == 200
    assert set(response.json()) == {"token", "expires_at"}


def test_logging_out_of_the_api_revokes_the_token(client, mediator):
    key, _token = issue_token(mediator)
    auth = {"HTTP_AUTHORIZATION": f"Token {key}"}

    assert client.post("/api/v1/auth/logout/", **auth).json() == {"revoked": 1}

    assert client.get("/api/v1/me/", **auth).status_code == 401


def test_logging_out_of_the_web_revokes_the_users_tokens(client, mediator):
    key, _token = issue_token(mediator)
    client.force_login(mediator)

    client.post("/accounts/logout/")

    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401


def test_switching_a_membership_off_revokes_the_users_tokens(client, mediator):
    key, _token = issue_token(mediator)
    membership = mediator.memberships.get()

    membership.is_active = False
    membership.save()

    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401
    assert ApiToken.objects.get().revoked_at is not None


def test_switching_a_user_off_revokes_their_tokens(client, mediator):
    key, _token = issue_token(mediator)

    mediator.is_active = False
    mediator.save()

    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401


def test_the_admin_shows_token_hashes_never_keys(admin_client, mediator):
    key, api_token = issue_token(mediator)

    page = admin_client.get(f"/admin/accounts/apitoken/{api_token.pk}/change/").content.decode()

    assert key not in page
    assert api_token.key_hash in page
    assert key not in str(ApiToken.objects.values_list().get())


def test_a_court_token_shows_its_last_use_and_can_be_rotated(admin_client):
    from rest_framework.test import APIClient

    from courts.authentication import issue_token as issue_court_token

    old_key = issue_court_token(org("court-0804"), "审判系统")
    court = APIClient()
    court.credentials(HTTP_AUTHORIZATION=f"Bearer {old_key}")
    court.post(COURT_URL, push_payload(), format="json")
    old = CourtToken.objects.get()
    assert old.last_used_at is not None
    assert old.key_prefix in admin_client.get("/admin/courts/courttoken/").content.decode()

    response = admin_client.post(
        "/admin/courts/courttoken/",
        {"action": "rotate", "_selected_action": [old.pk], "index": 0},
        follow=True,
    )

    new = CourtToken.objects.exclude(pk=old.pk).get()
    assert (new.court, new.name) == (old.court, "审判系统")
    assert "只显示这一次" in response.content.decode()
    old.refresh_from_db()
    assert old.revoked_at is not None
    assert court.get("/api/v1/court/pre-litigation/x/").status_code in (401, 403)


def test_the_admin_masks_phone_numbers_of_outbound_messages(admin_client):
    message = OutboundMessage.objects.create(
        channel="sms",
        to="13812345678",
        kind="session_scheduled",
        body="【中心】陈海燕您好：请致电13912345678。",
    )

    listing = admin_client.get("/admin/notifications/outboundmessage/").content.decode()
    detail = admin_client.get(
        f"/admin/notifications/outboundmessage/{message.pk}/change/"
    ).content.decode()

    for page in (listing, detail):
        assert "13812345678" not in page
        assert "13912345678" not in page
    assert "138****5678" in listing
    assert "陈**您好" in detail
