"""The timeline is the official record: a mediator reading the portal in English still
writes it in Chinese, and each reader is shown it in their own language."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import Membership
from cases.models import CaseEvent
from mediation import services, stranded
from tests.cases.factories import GAOLING, a_case
from tests.conftest import org
from tests.mediation.factories import a_mediator, category

pytestmark = pytest.mark.django_db

ROOM = "room-440804-family"
ACCEPTED = "%(org)s已受理，调解员%(name)s承办。"


@pytest.fixture
def chen(db):
    return a_mediator("chen", ROOM)


def family_case():
    return a_case(category=category("marriage_family"), claim_amount=Decimal("80000"))


def reading(client: Client, language: str) -> Client:
    """The portal's language switch, as the button in the page header does it."""
    assert client.post("/i18n/setlang/", {"language": language, "next": "/"}).status_code == 302
    return client


def api_events(user, pk: int, language: str) -> dict[str, list[str]]:
    client = APIClient()
    client.force_authenticate(user)
    response = client.get(f"/api/v1/cases/{pk}/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    events: dict[str, list[str]] = {}
    for event in response.json()["events"]:
        events.setdefault(event["kind"], []).append(event["text"])
    return events


def test_a_case_accepted_from_an_english_page_is_recorded_in_chinese_and_read_in_either(
    client, chen
):
    case = services.route_case(case=family_case())
    assert case.assignee == chen
    client.force_login(chen)
    reading(client, "en")

    response = client.post(f"/mediation/cases/{case.pk}/accept/", follow=True)
    assert '<html lang="en">' in response.content.decode()

    room = org(ROOM).name
    accepted = CaseEvent.objects.get(case=case, kind="accepted")
    chinese = f"{room}已受理，调解员C承办。"
    english = f"Accepted by {room}; mediator C is handling it."
    # Stored as the record is written, with its message id for the other language.
    assert accepted.text == chinese
    assert accepted.payload["_text"] == {"id": ACCEPTED, "params": {"org": room, "name": "C"}}
    # The parties' acceptance notices: the side is a translatable label, recorded in Chinese.
    texted = CaseEvent.objects.filter(case=case, kind="party_sms").values_list("text", flat=True)
    assert "已短信通知申请人陈某：纠纷已受理。" in texted
    assert not any("Applicant" in text or "SMS" in text for text in texted)

    page = client.get(f"/mediation/cases/{case.pk}/").content.decode()
    assert english in page
    assert chinese not in page
    assert "Sent an SMS to Applicant 陈某: the dispute is accepted." in page

    in_english = api_events(chen, case.pk, "en")
    assert in_english["accepted"] == [english]
    assert "Sent an SMS to Applicant 陈某: the dispute is accepted." in in_english["party_sms"]
    in_chinese = api_events(chen, case.pk, "zh-hans")
    assert in_chinese["accepted"] == [chinese]
    assert "已短信通知申请人陈某：纠纷已受理。" in in_chinese["party_sms"]

    page = reading(client, "zh-hans").get(f"/mediation/cases/{case.pk}/").content.decode()
    assert chinese in page
    assert english not in page


def test_a_reassignment_made_in_english_keeps_each_sentence_of_the_record(supervisor):
    first = a_mediator("first", ROOM)
    second = a_mediator("second", ROOM, last_assigned_at=timezone.now())
    case = services.route_case(case=family_case())
    assert case.assignee == first
    client = APIClient()
    client.force_authenticate(supervisor)

    response = client.post(
        f"/api/v1/mediation/cases/{case.pk}/reassign/",
        {"mediator": second.pk, "reason": "熟悉当事人方言"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200, response.content

    # The assignment and the reason as typed, in one entry.
    event = CaseEvent.objects.get(case=case, kind="reassigned")
    assert event.text == "由调解员S承办。改派理由：熟悉当事人方言"
    assert api_events(supervisor, case.pk, "en")["reassigned"] == [
        "Assigned to mediator S. Reason for reassignment: 熟悉当事人方言"
    ]
    assert api_events(supervisor, case.pk, "zh-hans")["reassigned"] == [event.text]


def test_a_case_moved_up_by_the_sweep_says_why_in_the_readers_language(supervisor):
    village_mediator = a_mediator("village_m", f"pmc-{GAOLING}")
    a_mediator("town_m", "pmc-440804104")
    case = services.route_case(case=a_case())
    Membership.objects.filter(user=village_mediator).update(is_active=False)

    assert stranded.sweep_stranded() == 1

    village, town = org(f"pmc-{GAOLING}").name, org("pmc-440804104").name
    moved = CaseEvent.objects.get(case=case, kind="stranded_moved_up")
    assert moved.text == f"{village}暂无可办理人员，案件已转{town}办理。"
    # The reason is a record of its own inside the entry, translated with it.
    assert api_events(supervisor, case.pk, "en")["stranded_moved_up"] == [
        f"Nobody at {village} can take cases at present; the case has gone to {town}."
    ]
    assert api_events(supervisor, case.pk, "zh-hans")["stranded_moved_up"] == [moved.text]
