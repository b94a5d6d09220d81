from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from cases.models import Case
from courts.models import PreLitigationCase
from transfers.models import Transfer

from .helpers import URL, court_client, push_payload

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's concurrent transactions")


def test_the_same_push_sent_20_times_concurrently_makes_one_case():
    clients = [court_client() for _ in range(20)]
    start = threading.Barrier(20)

    def push(client):
        start.wait()
        try:
            return client.post(URL, push_payload(), format="json")
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=20) as pool:
        responses = list(pool.map(push, clients))

    codes = sorted(r.status_code for r in responses)
    assert codes == [200] * 19 + [201]
    assert len({r.json()["id"] for r in responses}) == 1
    assert PreLitigationCase.objects.count() == 1
    assert Case.objects.count() == 1
    assert Transfer.objects.count() == 1
