"""Work queued after a commit survives a broker outage: the commit and the request succeed,
the work waits in the database, and its sweep does it once the broker is back.

The outage is real for this process: its Celery app is pointed at a local port where
nothing listens, so every send fails the way it does when Redis is down."""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Iterator

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from cases.models import Case, CaseStatus
from courts.models import PreLitigationCase
from mediation.autoroute import sweep_unrouted
from notifications.models import MessageStatus
from notifications.services import requeue_stuck, send_sms
from tests.cases.test_public_api import dispute, post_json
from tests.celery_worker import wait_until
from tests.courts.helpers import URL as COURT_URL
from tests.courts.helpers import court_client, push_payload
from transfers.models import Transfer, TransferStatus
from transfers.services import sweep_transfers
from zhanjiang_portal.celery import app

pytestmark = pytest.mark.django_db(transaction=True)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _send_to(url: str | None) -> None:
    """Where this process sends tasks (None: the configured broker again)."""
    app.conf.broker_write_url = url
    # Connections already made to the old broker are pooled; drop them.
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker_down() -> Iterator[None]:
    _send_to(f"redis://127.0.0.1:{_closed_port()}/0")
    yield
    _send_to(None)


def test_a_public_filing_while_the_broker_is_down_is_filed_and_the_sweep_routes_it(
    client, broker_down, caplog
):
    response = post_json(client, dispute())

    assert response.status_code == 201
    case = Case.objects.get(number=response.json()["number"])
    assert case.status == CaseStatus.RECEIVED
    assert "could not queue mediation.route_new_case" in caplog.text
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=5)):
        assert sweep_unrouted() == 1
    case.refresh_from_db()
    assert case.status == CaseStatus.ROUTED


def test_a_court_push_while_the_broker_is_down_is_accepted_and_the_sweep_delivers_it(
    broker_down, caplog, settings
):
    response = court_client().post(COURT_URL, push_payload(), format="json")

    assert response.status_code == 201
    case = PreLitigationCase.objects.get(pk=response.json()["id"]).case
    transfer = Transfer.objects.get(case=case)
    assert transfer.status == TransferStatus.PENDING
    assert "could not queue transfers.deliver" in caplog.text
    settings.TRANSFER_SWEEP_AFTER_SECONDS = 0
    delivered, _due = sweep_transfers()
    assert delivered == 1
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.DELIVERED


@pytest.mark.integration
def test_a_text_written_while_the_broker_is_down_is_sent_once_the_sweep_requeues_it(
    celery_worker_process, caplog
):
    _send_to(f"redis://127.0.0.1:{_closed_port()}/0")
    try:
        with transaction.atomic():
            message = send_sms(to="13812345678", kind="party_invitation", body="请补充材料")
    finally:
        _send_to(None)

    assert "could not queue notifications.send_message" in caplog.text
    message.refresh_from_db()
    assert message.status == MessageStatus.PENDING
    assert requeue_stuck(now=timezone.now() + dt.timedelta(minutes=46)) == 1

    def sent() -> bool:
        message.refresh_from_db()
        return message.status == MessageStatus.SENT

    assert wait_until(sent)
