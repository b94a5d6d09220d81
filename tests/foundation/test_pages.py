from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from accounts.models import ApiToken
from accounts.tokens import issue_token
from zhanjiang_portal.celery import app as celery_app

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_the_public_home_speaks_chinese_by_default(client):
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="zh-CN">' in body
    assert "网上申请调解" in body
    assert 'name="viewport"' in body


def test_english_is_one_switch_away(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


def test_the_desk_needs_a_login(client):
    response = client.get("/desk/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_mediator_logs_in_and_sees_their_desk(client, mediator):
    response = client.post(
        "/accounts/login/", {"username": "mediator_potou", "password": "pass-1234!"}, follow=True
    )
    body = response.content.decode()
    assert "调解员工作台" in body
    assert "坡头区中心婚姻家庭纠纷调解工作室" in body


def test_a_wrong_password_says_so_in_chinese_and_keeps_the_username(client, mediator):
    response = client.post("/accounts/login/", {"username": "mediator_potou", "password": "wrong"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "请输入一个正确的" in body
    assert 'value="mediator_potou"' in body


def test_healthz_reports_database_and_broker(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert response.json()["broker"] == "ok"


def test_healthz_answers_503_when_the_broker_is_unreachable(client):
    # Nothing listens on port 1: the portal's sending connection cannot be made.
    previous = celery_app.conf.broker_write_url
    celery_app.conf.broker_write_url = "redis://127.0.0.1:1/0"
    try:
        response = client.get("/healthz")
    finally:
        celery_app.conf.broker_write_url = previous
    assert response.status_code == 503
    assert response.json()["broker"] == "down"


def test_the_openapi_schema_and_its_browsable_ui_are_served(client, settings):
    # Open here as in development; tests/hardening covers the staff login when it is not.
    settings.API_DOCS_PUBLIC = True
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/me/" in schema.content
    assert client.get("/api/docs/").status_code == 200


def test_the_api_takes_a_token(client, mediator):
    key, _token = issue_token(mediator)
    response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert response.json()["memberships"][0]["role"] == "mediator"


def test_the_api_refuses_anonymous_callers(client):
    assert client.get("/api/v1/me/").status_code in (401, 403)


def test_the_admin_edits_reference_data(admin_client):
    assert admin_client.get("/admin/cases/disputecategory/").status_code == 200
    assert admin_client.get("/admin/accounts/organisation/?q=坡头").status_code == 200


def manage_check(*args: str, **env: str | None):
    """``manage.py check`` in a fresh process with the production settings module and the
    given environment (a value of None removes that variable)."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "zhanjiang_portal.settings", **env}
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args],
        cwd=ROOT,
        env={k: v for k, v in environment.items() if v is not None},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = manage_check(
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECURE_SSL_REDIRECT="on",
        DJANGO_DEBUG="off",
        DJANGO_SECRET_KEY="a-long-random-production-secret-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="portal.example.cn",
        PII_ENCRYPTION_KEY="k8Z3b1lT3y3r0nJYy7w1m0y3Ww9vQ0Xn1Zb2sJ4cT5E=",
        PII_HASH_KEY="a-separate-long-random-hash-key",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret():
    result = manage_check(DJANGO_DEBUG="off", DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_debug_is_off_unless_asked_for_so_the_settings_want_every_secret():
    result = manage_check(DJANGO_DEBUG=None, PII_HASH_KEY=None)
    assert result.returncode != 0
    assert "PII_HASH_KEY" in result.stderr


def test_the_english_ui_translates_the_shell_and_field_errors(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/").content.decode()
    assert "Apply for mediation online" in body
    assert "Staff login" in body


def test_staff_exchange_their_password_for_an_api_token(client, mediator):
    response = client.post(
        "/api/v1/auth/token/", {"username": "mediator_potou", "password": "pass-1234!"}
    )
    assert response.status_code == 200
    token = response.json()["token"]
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200


def test_a_wrong_password_gets_no_token(client, mediator):
    response = client.post(
        "/api/v1/auth/token/", {"username": "mediator_potou", "password": "nope"}
    )
    assert response.status_code == 400
    assert ApiToken.objects.count() == 0


def test_the_openapi_schema_is_valid_and_generates_without_warnings():
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "spectacular",
            "--validate",
            "--fail-on-warn",
            "--file",
            os.devnull,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_page_names_the_portal_icon_and_browsers_asking_for_favicon_ico_find_it(client):
    from django.contrib.staticfiles import finders

    body = client.get("/").content.decode()
    assert 'rel="icon" href="/static/favicon.ico"' in body
    assert 'href="/static/favicon.svg" type="image/svg+xml"' in body
    response = client.get("/favicon.ico")
    assert (response.status_code, response["Location"]) == (301, "/static/favicon.ico")
    assert finders.find("favicon.ico")
    assert finders.find("favicon.svg")
