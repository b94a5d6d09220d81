"""The staff case page shows where the case has been handed, and offers to hand it on."""

from __future__ import annotations

import pytest

from accounts.models import Role
from tests.conftest import make_staff
from transfers import services

from .factories import a_transfer

pytestmark = pytest.mark.django_db


def test_the_case_page_lists_a_rejected_transfer_with_its_reason_and_offers_a_referral(
    client, supervisor
):
    officer = make_staff("legalaid_officer", Role.LEGAL_AID_OFFICER, "legalaid-440804")
    transfer = a_transfer()
    services.deliver_transfer(transfer.pk)
    transfer.refresh_from_db()
    services.reject_transfer(
        transfer, actor=officer, reason_code="duplicate", text="已在本中心申请"
    )
    client.force_login(supervisor)

    page = client.get(f"/cases/{transfer.case_id}/").content.decode()

    assert "移送记录" in page
    assert "已退回（拒收）" in page
    assert "坡头区社会矛盾纠纷调处化解中心 → 坡头区法律援助处" in page.replace("湛江市", "")
    assert "重复登记" in page
    assert "已在本中心申请" in page
    assert f'href="/transfers/refer/{transfer.case_id}/"' in page


def test_a_leader_who_only_reads_sees_the_transfers_but_no_referral_link(client):
    leader = make_staff("leader_ro", Role.CITY_LEADER, "plc-city")
    transfer = a_transfer()
    client.force_login(leader)

    page = client.get(f"/cases/{transfer.case_id}/").content.decode()

    assert "坡头区法律援助处" in page
    assert "/transfers/refer/" not in page
