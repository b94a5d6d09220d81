"""Village rules: versions, the adopting vote checked against the quorum rules, filing with the
town and its review, the diff between versions, and nothing adopted edited."""

from __future__ import annotations

import pytest
from django.utils import timezone

from village_affairs import services
from village_affairs.models import RuleStatus, RuleVersion

from .conftest import GAOLING, MAFENG, a_vote, an_adopted_rule

pytestmark = pytest.mark.django_db


def vote_form(**overrides) -> dict:
    data = {
        "meeting_kind": "representatives",
        "adopted_on": (timezone.localdate()).isoformat(),
        "members_total": "45",
        "present": "38",
        "votes_for": "36",
        "votes_against": "1",
        "votes_abstain": "1",
    }
    data.update(overrides)
    return data


def a_draft(village=GAOLING):
    return services.draft_rule(actor=None, village_code=village, title="村规民约", text="第一条")


def adopt_url(rule) -> str:
    return f"/village-affairs/{rule.village_id}/rules/{rule.pk}/adopt/"


def test_a_clerk_adopts_a_draft_and_the_public_api_shows_it_as_current(client, village_clerk):
    rule = a_draft()
    client.force_login(village_clerk)
    response = client.post(adopt_url(rule), vote_form(), follow=True)
    assert "已登记会议表决" in response.content.decode()
    client.logout()
    data = client.get(f"/api/v1/villages/{GAOLING}/rules/").json()
    assert data["current"]["number"] == 1
    assert data["current"]["votes_for"] == 36
    assert data["current"]["text"] == "第一条"
    assert [v["number"] for v in data["history"]] == [1]


def test_vote_counts_above_attendance_are_refused_and_the_draft_stays(client, village_clerk):
    rule = a_draft()
    client.force_login(village_clerk)
    response = client.post(adopt_url(rule), vote_form(votes_for="30", votes_against="9"))
    assert response.status_code == 400
    assert "不能多于实到人数" in response.content.decode()
    assert 'value="30"' in response.content.decode()  # what was typed is kept
    assert RuleVersion.objects.get(pk=rule.pk).status == RuleStatus.DRAFT


def test_attendance_above_the_members_is_refused(client, village_clerk):
    rule = a_draft()
    client.force_login(village_clerk)
    response = client.post(adopt_url(rule), vote_form(present="50"))
    assert response.status_code == 400
    assert "实到人数不能多于应到人数" in response.content.decode()


def test_a_representatives_meeting_below_two_thirds_is_refused(client, village_clerk):
    rule = a_draft()
    client.force_login(village_clerk)
    response = client.post(adopt_url(rule), vote_form(present="29", votes_for="20"))
    assert response.status_code == 400
    assert "三分之二以上的组成人员" in response.content.decode()


def test_a_villagers_meeting_needs_more_than_half_of_the_adults():
    rule = a_draft()
    half = a_vote(meeting_kind="villagers", members_total=1000, present=500, votes_for=400)
    with pytest.raises(services.ValidationError) as refused:
        services.adopt_rule(actor=None, rule=rule, vote=half)
    assert "present" in refused.value.message_dict


def test_a_villagers_meeting_may_reach_quorum_by_two_thirds_of_households():
    rule = a_draft()
    vote = a_vote(
        meeting_kind="villagers",
        members_total=1000,
        present=400,
        votes_for=300,
        households_total=300,
        households_represented=200,
    )
    services.adopt_rule(actor=None, rule=rule, vote=vote)
    assert RuleVersion.objects.get(pk=rule.pk).status == RuleStatus.ADOPTED


def test_a_decision_needs_more_than_half_of_those_present():
    rule = a_draft()
    with pytest.raises(services.ValidationError) as refused:
        services.adopt_rule(actor=None, rule=rule, vote=a_vote(votes_for=19, votes_against=19))
    assert "votes_for" in refused.value.message_dict


def test_an_adopted_rule_is_never_edited(client, village_clerk):
    rule = an_adopted_rule()
    client.force_login(village_clerk)
    response = client.post(
        f"/village-affairs/{GAOLING}/rules/{rule.pk}/edit/",
        {"title": "改过", "text": "偷偷改了", "change_note": ""},
    )
    assert response.status_code == 409
    assert "只能在以下状态进行" in response.content.decode()
    assert RuleVersion.objects.get(pk=rule.pk).text.startswith("第一条 村务公开")


def test_a_change_is_a_new_version_and_the_diff_page_shows_it(client, village_clerk):
    v1 = an_adopted_rule()
    client.force_login(village_clerk)
    response = client.post(f"/village-affairs/{GAOLING}/rules/{v1.pk}/revise/")
    v2 = RuleVersion.objects.get(village_id=GAOLING, number=2)
    assert response.url.endswith(f"/rules/{v2.pk}/")
    services.edit_rule(
        actor=village_clerk,
        rule=v2,
        title="村规民约",
        text="第一条 村务公开。\n第二条 一户一宅，面积不超标准。",
    )
    services.adopt_rule(actor=village_clerk, rule=v2, vote=a_vote())
    client.logout()
    page = client.get(f"/villages/{GAOLING}/rules/diff/?from=1&to=2").content.decode()
    assert "<del>第二条 一户一宅。</del>" in page
    assert "<ins>第二条 一户一宅，面积不超标准。</ins>" in page
    data = client.get(f"/api/v1/villages/{GAOLING}/rules/").json()
    assert data["current"]["number"] == 2
    assert [v["number"] for v in data["history"]] == [2, 1]


def test_filing_with_the_town_and_its_review(client, village_clerk, town_officer):
    rule = an_adopted_rule()
    client.force_login(village_clerk)
    client.post(
        f"/village-affairs/{GAOLING}/rules/{rule.pk}/file/",
        {"filed_on": timezone.localdate().isoformat(), "receipt": "官备〔2026〕3号"},
    )
    assert RuleVersion.objects.get(pk=rule.pk).status == RuleStatus.FILED
    # The clerk may not review their own filing.
    refused = client.post(f"/village-affairs/{GAOLING}/rules/{rule.pk}/review/", {"approved": "1"})
    assert refused.status_code == 403
    client.force_login(town_officer)
    response = client.post(
        f"/village-affairs/{GAOLING}/rules/{rule.pk}/review/",
        {"approved": "0", "review_comment": "第三条罚款规定违法，请删除"},
        follow=True,
    )
    assert "审查意见已记录" in response.content.decode()
    rule.refresh_from_db()
    assert rule.status == RuleStatus.RETURNED
    assert rule.review_comment == "第三条罚款规定违法，请删除"


def test_another_villages_rules_are_not_found(client, other_village_clerk, other_town_officer):
    rule = an_adopted_rule()
    for user in (other_village_clerk, other_town_officer):
        client.force_login(user)
        assert client.get(f"/village-affairs/{GAOLING}/rules/{rule.pk}/").status_code == 404
        assert client.post(adopt_url(rule), vote_form()).status_code == 404
    assert an_adopted_rule(MAFENG).number == 1
