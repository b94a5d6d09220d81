"""The transfers API answers a hand-off exactly as the inbox page does: same declaration,
same refusals."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from accounts.models import Role
from tests.conftest import make_staff
from transfers import services
from transfers.models import Transfer

from .factories import a_transfer

pytestmark = pytest.mark.django_db


@pytest.fixture
def legal_aid_officer(db):
    return make_staff("legalaid_potou", Role.LEGAL_AID_OFFICER, "legalaid-440804")


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def delivered() -> Transfer:
    transfer = a_transfer()
    services.deliver_transfer(transfer.pk)
    transfer.refresh_from_db()
    return transfer


def test_the_receiver_signs_for_and_accepts_through_the_api(legal_aid_officer):
    transfer = delivered()
    client = api(legal_aid_officer)
    listed = client.get("/api/v1/transfers/").json()
    assert [t["id"] for t in listed] == [transfer.pk]
    assert client.post(f"/api/v1/transfers/{transfer.pk}/sign-for/").status_code == 200
    response = client.post(f"/api/v1/transfers/{transfer.pk}/accept/", {}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "accepted"


def test_answering_twice_is_refused_with_the_state_it_is_in(legal_aid_officer):
    transfer = delivered()
    client = api(legal_aid_officer)
    client.post(f"/api/v1/transfers/{transfer.pk}/accept/", {}, format="json")
    again = client.post(
        f"/api/v1/transfers/{transfer.pk}/reject/",
        {"reason": "other", "text": "重复"},
        format="json",
    )
    assert again.status_code == 409
    assert again.json()["code"] == "wrong_state"


def test_a_rejection_needs_a_coded_reason(legal_aid_officer):
    transfer = delivered()
    response = api(legal_aid_officer).post(
        f"/api/v1/transfers/{transfer.pk}/reject/",
        {"reason": "no-such", "text": "x"},
        format="json",
    )
    assert response.status_code == 400
    transfer.refresh_from_db()
    assert transfer.status == "delivered"


def test_someone_elses_transfer_is_not_found(window_clerk):
    transfer = delivered()
    response = api(window_clerk).post(f"/api/v1/transfers/{transfer.pk}/accept/", {}, format="json")
    assert response.status_code == 404
    transfer.refresh_from_db()
    assert transfer.status == "delivered"
