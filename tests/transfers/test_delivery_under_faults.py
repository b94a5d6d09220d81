"""Delivery with a real worker, real Redis and real PostgreSQL, under the faults the issue
names: a worker killed mid-delivery, the broker down during a push, a receiver failing."""

from __future__ import annotations

import pytest

from accounts.models import Role
from courts.models import PreLitigationCase
from notifications.models import Notification
from tests.celery_worker import wait_until
from tests.conftest import make_staff, org
from tests.courts.helpers import URL, court_client, push_payload
from transfers.models import ExternalEndpoint, Transfer
from transfers.tasks import sweep_transfers_task

pytestmark = pytest.mark.integration


def bureau_staff():
    return make_staff("bureau_potou", Role.BUREAU_OFFICER, "bureau-440804")


def delegation() -> Transfer:
    return Transfer.objects.get(kind="delegate_pre_litigation")


def connect(receiver) -> None:
    ExternalEndpoint.objects.create(
        organisation=org("bureau-440804"), callback_url=receiver.url, secret=receiver.secret
    )


def test_a_court_push_reaches_the_bureau_inbox_through_the_worker(celery_worker_process):
    officer = bureau_staff()

    response = court_client().post(URL, push_payload(), format="json")

    assert response.status_code == 201
    assert wait_until(lambda: delegation().status == "delivered", timeout=30)
    assert Notification.objects.filter(recipient=officer, kind="transfer").count() == 1


def test_an_external_system_that_fails_at_first_is_retried_until_it_acknowledges(
    fast_worker, external_receiver
):
    receiver = external_receiver(fail_first=3)
    connect(receiver)
    fast_worker.start()

    court_client().post(URL, push_payload(), format="json")

    acknowledged = wait_until(lambda: delegation().external_status == "acknowledged", timeout=60)
    assert acknowledged, fast_worker.log_path.read_text()[-3000:]
    transfer = delegation()
    assert len(receiver.attempts) == 4
    assert set(receiver.attempts) == {transfer.idempotency_key}
    assert list(receiver.processed) == [transfer.idempotency_key]
    assert receiver.bad_signatures == 0
    assert receiver.processed[transfer.idempotency_key]["kind"] == "delegate_pre_litigation"
    assert transfer.case.events.filter(kind="transfer_acknowledged").count() == 1


def test_a_worker_killed_in_the_middle_of_a_delivery_delivers_once_after_restart(
    fast_worker, external_receiver
):
    officer = bureau_staff()
    receiver = external_receiver(hang_first=1)
    connect(receiver)
    fast_worker.start()

    court_client().post(URL, push_payload(), format="json")
    # The worker is inside the POST to the court system, waiting for an answer: kill it.
    assert wait_until(lambda: len(receiver.attempts) == 1, timeout=30)
    fast_worker.kill()
    assert delegation().external_status == "pending"

    fast_worker.start()
    # Once the dead attempt's lease has run out, the periodic sweep picks it up again.
    wait_until(lambda: False, timeout=3.5)
    sweep_transfers_task.delay()

    assert wait_until(lambda: delegation().external_status == "acknowledged", timeout=60)
    key = delegation().idempotency_key
    assert set(receiver.attempts) == {key}
    assert list(receiver.processed) == [key]
    assert Notification.objects.filter(recipient=officer, kind="transfer").count() == 1
    assert delegation().case.events.filter(kind="transfer_delivered").count() == 1


def test_redis_down_during_a_push_the_push_succeeds_and_is_delivered_when_it_returns(
    private_broker, fast_worker
):
    officer = bureau_staff()
    fast_worker.start()
    private_broker.stop()

    response = court_client().post(URL, push_payload(), format="json")

    assert response.status_code == 201
    assert PreLitigationCase.objects.count() == 1
    assert delegation().status == "pending"

    private_broker.start()
    # The beat tick after the broker's return.
    sweep_transfers_task.delay()

    delivered = wait_until(lambda: delegation().status == "delivered", timeout=90)
    assert delivered, fast_worker.log_path.read_text()[-4000:]
    assert Notification.objects.filter(recipient=officer, kind="transfer").count() == 1


def test_after_a_broker_outage_the_next_push_delivers_what_waited_without_the_sweep(
    private_broker, fast_worker
):
    """The failed send of the first push does not leave its delivery run marked as queued:
    the next push, once the broker is back, queues a run that delivers both."""
    officer = bureau_staff()
    fast_worker.start()
    private_broker.stop()
    first = court_client().post(URL, push_payload(), format="json")
    private_broker.start()

    second = court_client().post(
        URL, push_payload(number="（2026）粤0804民诉前调2号"), format="json"
    )

    assert first.status_code == second.status_code == 201
    # Well within the 30 s after which a run marked queued but never started is forgotten.
    delivered = wait_until(
        lambda: set(Transfer.objects.values_list("status", flat=True)) == {"delivered"},
        timeout=20,
    )
    assert delivered, fast_worker.log_path.read_text()[-4000:]
    assert Transfer.objects.count() == 2
    assert Notification.objects.filter(recipient=officer, kind="transfer").count() == 2
