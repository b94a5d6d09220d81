"""The demo: 高岭村 with its rules, a year of postings, homesteads and ledger; the village
mediator and the town officer can act; seeding twice changes nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from village_affairs import demo
from village_affairs.models import (
    HomesteadApplication,
    LedgerEntry,
    Parcel,
    Posting,
    RoundReport,
    RuleVersion,
)

pytestmark = pytest.mark.django_db


def counts() -> list[int]:
    return [
        m.objects.filter(village_id=demo.VILLAGE).count()
        for m in (RuleVersion, Posting, HomesteadApplication, Parcel, LedgerEntry, RoundReport)
    ]


def test_the_demo_seeds_once_and_its_logins_can_act(client):
    logins = demo.seed()
    first = counts()
    demo.seed()
    assert counts() == first
    assert {row[0] for row in logins} == {"villagemediator", "town"}
    rules, postings, applications, parcels, entries, rounds = first
    assert rules == 2
    assert postings >= 20
    assert applications == 3
    assert parcels >= 2
    assert entries >= 8
    assert rounds == 12
    users = get_user_model().objects
    client.force_login(users.get(username="town"))
    notice = HomesteadApplication.objects.get(status="notice")
    page = client.get(f"/village-affairs/{demo.VILLAGE}/homesteads/{notice.pk}/").content.decode()
    assert "镇政府批准" in page
    client.force_login(users.get(username="villagemediator"))
    page = client.get(f"/village-affairs/{demo.VILLAGE}/ledger/").content.decode()
    assert "记入台账" in page
