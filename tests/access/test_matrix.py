"""The access matrix: every URL of the portal, tried by every persona, answers as declared.

The URL configuration is walked, so a new URL without a row in rules.py fails
``test_every_url_is_declared``. Each declared row is then tried with each of its methods by
every persona (conftest.py): the allowed ones get past the permission check (2xx/3xx, or
400/409 from the minimal body), the others get exactly the 404 or 403 declared, nobody a 500,
and no persona outside county A ever sees one of county A's case numbers.
"""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .conftest import persona_names
from .rules import ROWS, Row

# Marked so that pytest-django sets the test database up; each test runs in a savepoint of the
# module's world (conftest.world), and each request in a savepoint of its own.
pytestmark = pytest.mark.django_db

OUTSIDERS = {name for name in persona_names() if name.startswith("B.")} | {"inactive", "anon"}


def url_patterns(resolver=None, namespace: str = "", route: str = ""):
    """(name, route, parameter names) of every pattern, through includes."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        here = route + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            full = ":".join(n for n in (namespace, inner) if n)
            yield from url_patterns(pattern, full, here)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            params = set(getattr(pattern.pattern, "converters", {})) | set(
                pattern.pattern.regex.groupindex
            )
            if namespace.startswith("admin"):
                name = "admin:*"
            yield name, here, params


DECLARED = {row.name: row for row in ROWS}


def undeclared(patterns) -> tuple[list[str], list[str]]:
    """URL names with no row, and rows that leave a parameter of their URL unfilled."""
    missing, unfilled = [], []
    for name, route, params in patterns:
        row = DECLARED.get(name)
        if row is None:
            missing.append(f"{name or '(unnamed)'}  →  /{route}")
        elif not row.excluded and not params <= set(row.params):
            unfilled.append(f"{name}: parameters {sorted(params - set(row.params))} not filled")
    return missing, unfilled


def test_every_url_is_declared():
    missing, unfilled = undeclared(url_patterns())
    assert not missing, (
        "URLs without a declared access rule; add a row for each to tests/access/rules.py "
        "(who may, with which object and body) or exclude it there with the reason:\n  "
        + "\n  ".join(missing)
    )
    assert not unfilled, "\n".join(unfilled)


def test_a_new_url_without_a_declared_rule_is_reported():
    from django.urls import include, path

    class Urls:
        urlpatterns = [
            path("", include("zhanjiang_portal.urls")),
            path("cases/<int:pk>/archive/", lambda request, pk: None, name="case-archive"),
        ]

    missing, _unfilled = undeclared(url_patterns(get_resolver(Urls)))
    assert "case-archive  →  /cases/<int:pk>/archive/" in missing


def test_no_persona_of_county_b_is_allowed_anything_on_county_a_objects():
    county_b = {name for name in persona_names() if name.startswith("B.")}
    allowed = [
        row.key
        for row in ROWS
        if row.params and not row.shared and (row.allow | row.either) & county_b
    ]
    assert not allowed


def test_every_page_verb_of_mediation_is_declared():
    from mediation import views

    slugs = getattr(views, "SLUG_VERBS", {})
    declared = {slugs.get(row.object, row.object) for row in ROWS if row.name == "mediation:action"}
    assert declared == set(views.ACTIONS), (
        "declare each verb of mediation:action in tests/access/rules.py PAGE_VERBS; "
        f"undeclared {sorted(set(views.ACTIONS) - declared)}, "
        f"gone {sorted(declared - set(views.ACTIONS))}"
    )


def test_no_row_names_a_url_that_is_gone():
    names = {name for name, _route, _params in url_patterns()}
    assert not {row.name for row in ROWS} - names


def _cases():
    for row in ROWS:
        if row.excluded:
            continue
        for method in row.methods:
            marks = [pytest.mark.xfail(strict=True, reason=f"issue 9: {row.issue9}")]
            yield pytest.param(row, method, id=f"{row.key}-{method}", marks=row.issue9 and marks)


def _url(row: Row, world) -> str:
    kwargs = {key: fill(world) for key, fill in row.params.items()}
    return reverse(row.name, kwargs=kwargs or None) + row.query


def _request(world, persona: str, method: str, url: str, body, multipart: bool = False):
    client = Client(raise_request_exception=True)
    if persona in world.sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[persona]
    api = url.startswith("/api/")
    kwargs = {}
    if body is not None:
        if api and not multipart:
            kwargs = {"data": json.dumps(body), "content_type": "application/json"}
        else:
            kwargs = {"data": body}
    with transaction.atomic():
        try:
            response = getattr(client, method)(url, **kwargs)
        except Exception as exc:  # a 500: reported, never raised, so the matrix goes on
            return 500, f"{type(exc).__name__}: {exc}", ""
        finally:
            transaction.set_rollback(True)
    content = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode("utf-8", "replace")
    return response.status_code, response.get("Location", ""), content


def _outcome(status: int, location: str, api: bool) -> str:
    if status == 302 and location.startswith(resolve_url(settings.LOGIN_URL)):
        return "login"
    if api and status in (401, 403):
        return "login?" if status == 401 else "403"
    if 200 <= status < 400 or status in (400, 409):
        return "ok"
    return str(status)


def _expected(row: Row, persona: str, api: bool) -> set[str]:
    if persona == "anon":
        if row.anon == "login":
            return {"login", "login?", "403"} if api else {"login"}
        return {row.anon}
    if persona in row.allow:
        return {"ok"}
    if persona in row.either:
        return {"ok", "403", "404"}
    if persona in row.forbid:
        return {"403"}
    return {"404"}


@pytest.mark.parametrize(("row", "method"), list(_cases()))
def test_access(row: Row, method: str, world):
    url = _url(row, world)
    api = url.startswith("/api/")
    wrong = []
    for persona in persona_names():
        if row.anon != "login":
            cache.clear()  # the public endpoints' rate limits count every request
        body = row.methods[method]
        if body is not None:
            body = {key: value(world) if callable(value) else value for key, value in body.items()}
        status, location, content = _request(world, persona, method, url, body, row.multipart)
        got = _outcome(status, location, api)
        want = _expected(row, persona, api)
        if got not in want:
            detail = location if status in (302, 500) else ""
            wrong.append(
                f"{persona:<12} {method.upper()} {url}: want {'/'.join(sorted(want))}, got {status} {detail}"
            )
        if persona in OUTSIDERS and status != 500 and row.shared in ("", "public"):
            leaked = [n for n in world.case_numbers if n in content]
            if leaked:
                wrong.append(f"{persona:<12} {method.upper()} {url}: shows county A's {leaked}")
    assert not wrong, f"{row.key} ({method}):\n" + "\n".join(wrong)


def test_a_police_agency_reads_its_own_referrals_only(world):
    """The police API answers agency systems by token, never a person's session: 坡头区's
    traffic police read their referral, 赤坎区's get 404, a logged-in member of staff 401."""
    url = reverse(
        "api-police-accident-referral-detail",
        kwargs={"report_number": world["accident"].report_number},
    )
    answers = {}
    for label in ("A", "B"):
        client = Client(HTTP_AUTHORIZATION=f"Bearer {world.tokens[label]}")
        answers[label] = client.get(url).status_code
    staff = Client()
    staff.cookies[settings.SESSION_COOKIE_NAME] = world.sessions["A.police"]
    answers["session"] = staff.get(url).status_code
    listing = Client().post(reverse("api-police-accident-referrals"), {}, "application/json")
    assert answers == {"A": 200, "B": 404, "session": 401}
    assert listing.status_code == 401
