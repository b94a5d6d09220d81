"""A court's timeline entry is recorded in Chinese whatever language the clerk reads, its
translatable parts (the track) included, and shown in the reader's language."""

from __future__ import annotations

import pytest

from cases.models import CaseEvent
from cases.services import transition
from courts.models import PreLitigationCase
from courts.services import dispatch_pre_litigation
from tests.conftest import org
from transfers.models import Transfer
from transfers.services import deliver_transfer

from .helpers import URL, court_client, push_payload

pytestmark = pytest.mark.django_db
FILING = "（2026）粤0804民初9号"


def test_a_filing_recorded_from_an_english_page_is_chinese_on_record(
    client, court_clerk, bureau_officer
):
    court_client().post(URL, push_payload(), format="json")
    plc = PreLitigationCase.objects.get()
    deliver_transfer(Transfer.objects.get().pk)
    dispatch_pre_litigation(
        plc, transfer=Transfer.objects.get(), target=org("pmc-440804104"), actor=bureau_officer
    )
    transition(plc.case, to="failed", allowed_from=["routed"], actor=None, kind="f", text="")
    client.force_login(court_clerk)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    client.post(f"/courts/pre-litigation/{plc.pk}/filing/", {"number": FILING})

    filed = CaseEvent.objects.get(case=plc.case, kind="court_filed")
    assert filed.text == f"法院已转立案，案号{FILING}，简案（速裁团队）。"
    page = client.get(f"/courts/pre-litigation/{plc.pk}/").content.decode()
    english = f"Registered for trial by the court, case number {FILING}, Simple (fast-track team)."
    assert english in page
    assert filed.text not in page

    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    page = client.get(f"/courts/pre-litigation/{plc.pk}/").content.decode()
    assert filed.text in page
    assert english not in page
