"""The staff API does what the pages do for rules and postings, with the same refusals."""

from __future__ import annotations

import pytest
from django.utils import timezone

from village_affairs.models import Posting, PostingStatus, RuleStatus, RuleVersion

from .conftest import GAOLING, a_published_posting

pytestmark = pytest.mark.django_db
JSON = "application/json"


def finance(**overrides) -> dict:
    data = {
        "village": GAOLING,
        "kind": "finance",
        "period_start": "2026-09-01",
        "period_end": "2026-09-30",
        "title": "9月财务",
        "opening_balance": "1000.00",
        "closing_balance": "1300.00",
        "lines": [
            {"is_income": True, "category": "租金", "amount": "500.00"},
            {"is_income": False, "category": "维护", "amount": "200.00"},
        ],
    }
    data.update(overrides)
    return data


def test_a_posting_is_drafted_published_and_corrected_through_the_api(client, village_clerk):
    client.force_login(village_clerk)
    unbalanced = client.post(
        "/api/v1/village-affairs/postings/", finance(closing_balance="1.00"), content_type=JSON
    )
    assert unbalanced.status_code == 400
    assert "收支不平" in unbalanced.json()["closing_balance"][0]
    assert not Posting.objects.exists()
    draft = client.post("/api/v1/village-affairs/postings/", finance(), content_type=JSON).json()
    base = f"/api/v1/village-affairs/postings/{draft['id']}/"
    assert client.post(base + "publish/").json()["status"] == "published"
    edited = client.post(base + "edit/", finance(title="改"), content_type=JSON)
    assert edited.status_code == 409
    assert edited.json()["code"] == "wrong_state"
    assert edited.json()["allowed"] == ["correct"]
    correction = client.post(base + "correct/", {"reason": "租金录错"}, content_type=JSON).json()
    assert correction["version"] == 2
    assert correction["corrects"] == draft["id"]
    assert correction["correction_reason"] == "租金录错"


def test_rules_are_drafted_and_adopted_through_the_api_with_the_vote_checked(
    client, village_clerk, town_officer
):
    client.force_login(village_clerk)
    rule = client.post(
        "/api/v1/village-affairs/rules/",
        {"village": GAOLING, "title": "村规民约", "text": "第一条"},
        content_type=JSON,
    ).json()
    url = f"/api/v1/village-affairs/rules/{rule['id']}/"
    vote = {
        "meeting_kind": "representatives",
        "adopted_on": timezone.localdate().isoformat(),
        "members_total": 45,
        "present": 20,
        "votes_for": 18,
    }
    below = client.post(url + "adopt/", vote, content_type=JSON)
    assert below.status_code == 400
    assert "三分之二" in below.json()["present"][0]
    assert (
        client.post(
            url + "adopt/", {**vote, "present": 40, "votes_for": 41}, content_type=JSON
        ).status_code
        == 400
    )
    adopted = client.post(
        url + "adopt/", {**vote, "present": 40, "votes_for": 30}, content_type=JSON
    )
    assert adopted.json()["status"] == "adopted"
    assert (
        client.post(url + "edit/", {"title": "改", "text": "改"}, content_type=JSON).status_code
        == 409
    )
    client.post(
        url + "file/",
        {"filed_on": timezone.localdate().isoformat(), "receipt": "R-1"},
        content_type=JSON,
    )
    client.force_login(town_officer)
    reviewed = client.post(
        url + "review/", {"approved": True, "comment": "准予备案"}, content_type=JSON
    )
    assert reviewed.json()["status"] == RuleStatus.APPROVED
    assert RuleVersion.objects.get().text == "第一条"


def test_another_villages_posting_is_not_found_through_the_api(client, other_village_clerk):
    posting = a_published_posting()
    client.force_login(other_village_clerk)
    assert client.get(f"/api/v1/village-affairs/postings/{posting.pk}/").status_code == 404
    response = client.post(
        f"/api/v1/village-affairs/postings/{posting.pk}/correct/",
        {"reason": "x"},
        content_type=JSON,
    )
    assert response.status_code == 404
    assert Posting.objects.get().status == PostingStatus.PUBLISHED
