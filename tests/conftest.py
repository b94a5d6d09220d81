"""Shared fixtures: named personas, a real Celery worker process, a browser."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from accounts.models import Membership, Organisation, Role

pytest_plugins = ["tests.celery_worker", "tests.browser", "tests.storage"]


def make_staff(username: str, role: str, org_code: str, **extra):
    user = get_user_model().objects.create_user(username=username, password="pass-1234!", **extra)
    Membership.objects.create(
        user=user, organisation=Organisation.objects.get(code=org_code), role=role
    )
    return user


@pytest.fixture
def window_clerk(db):
    """The window clerk of 坡头区's one-stop centre."""
    return make_staff("window_clerk", Role.WINDOW_CLERK, "window-440804")


@pytest.fixture
def mediator(db):
    """A mediator in the family workroom of 坡头区's centre."""
    return make_staff("mediator_potou", Role.MEDIATOR, "room-440804-family")


@pytest.fixture
def supervisor(db):
    return make_staff("supervisor_potou", Role.CENTRE_SUPERVISOR, "centre-440804")


@pytest.fixture
def other_town_mediator(db):
    """A mediator of 雷州市's centre, who must not see 坡头区's cases."""
    return make_staff("mediator_leizhou", Role.MEDIATOR, "room-440882-family")


@pytest.fixture
def court_clerk(db):
    return make_staff("clerk_potou", Role.COURT_CLERK, "court-0804")


@pytest.fixture
def bureau_officer(db):
    return make_staff("bureau_potou", Role.BUREAU_OFFICER, "bureau-440804")


@pytest.fixture
def village_clerk(db):
    """The clerk of 高岭村委会 (440804104207)."""
    return make_staff("village_gaoling", Role.VILLAGE_CLERK, "vc-440804104207")


@pytest.fixture
def city_leader(db):
    return make_staff("leader", Role.CITY_LEADER, "plc-city")


def org(code: str) -> Organisation:
    return Organisation.objects.get(code=code)


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request):
    """A transactional test empties every table when it ends, reference data included; the
    next one gets it back (what migrate loaded: regions, organisations, categories, ...)."""
    if _is_transactional(request):
        request.getfixturevalue("transactional_db")
        from villages.models import Region

        if not Region.objects.exists():
            from zhanjiang_portal.reference import ensure_reference_data

            ensure_reference_data()


@pytest.fixture(autouse=True)
def _sqlite_flush_past_the_timeline_triggers(request):
    """SQLite flushes a transactional test's tables with DELETE, which the append-only
    triggers on the timeline refuse; lift them for the flush only, and restore them after."""
    from django.db import connection

    if not _is_transactional(request) or connection.vendor != "sqlite":
        yield
        return
    request.getfixturevalue("transactional_db")
    from cases import timeline_triggers

    timeline_triggers.install(connection)
    yield
    timeline_triggers.remove(connection)


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    marked = marker is not None and (
        marker.kwargs.get("transaction") or (marker.args and marker.args[0])
    )
    return bool(marked) or bool({"transactional_db", "live_server"} & set(request.fixturenames))


@pytest.fixture
def no_self_routing():
    """For tests about something else: filed cases stay where they were filed instead of
    being routed by the rules after commit (mediation.autoroute)."""
    from cases.signals import case_filed
    from mediation.autoroute import queue_routing

    case_filed.disconnect(dispatch_uid="mediation-autoroute")
    yield
    case_filed.connect(queue_routing, dispatch_uid="mediation-autoroute")


# The server log of the whole run: every record logged with a traceback (an unhandled
# exception in a view is logged by django.request with one) goes to test-output/server.log,
# and the run fails at the end if the file holds any, whichever test caused it.
SERVER_LOG = Path(__file__).resolve().parent.parent / "test-output" / "server.log"


class _TracebackLog(logging.FileHandler):
    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info or record.stack_info:
            super().emit(record)


def pytest_sessionstart(session):
    SERVER_LOG.parent.mkdir(parents=True, exist_ok=True)
    SERVER_LOG.write_text("", encoding="utf-8")
    handler = _TracebackLog(SERVER_LOG, encoding="utf-8")
    handler.setLevel(logging.ERROR)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    logging.getLogger().addHandler(handler)
    session.config._server_log_handler = handler


@pytest.fixture
def expected_traceback(request):
    """For a test that provokes, on purpose, an error logged with its traceback: the run's
    server log leaves out what is logged during it (caplog still sees it)."""
    handler = getattr(request.config, "_server_log_handler", None)
    if handler is not None:
        logging.getLogger().removeHandler(handler)
    yield
    if handler is not None:
        logging.getLogger().addHandler(handler)


def pytest_sessionfinish(session, exitstatus):
    handler = getattr(session.config, "_server_log_handler", None)
    if handler is None:
        return
    handler.flush()
    text = SERVER_LOG.read_text(encoding="utf-8")
    if "Traceback" in text and session.exitstatus == 0:
        session.exitstatus = 1
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(f"{SERVER_LOG} holds tracebacks:", red=True)
            reporter.write_line(text[-4000:])
