"""The pages: my deadlines, the supervisor's overdue list, a deadline's page with pause and
extension, chips for the case page, party SMS, the calendar feed and the inbox."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import timezone

from cases.models import CaseEvent
from deadlines.models import Deadline, DeadlineExtension
from deadlines.reminders import sweep
from deadlines.services import start_deadline
from notifications.models import Notification, OutboundMessage
from tests.cases.factories import a_case


def days_ago(n: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=n)


@pytest.fixture
def overdue(case):
    return start_deadline(case=case, kind="labour_mediation", starts_at=days_ago(40))


@pytest.fixture
def upcoming(case):
    return start_deadline(case=case, kind="pre_litigation")


def test_my_deadlines_shows_overdue_first_and_upcoming_later(client, mediator, overdue, upcoming):
    client.force_login(mediator)
    page = client.get("/deadlines/").content.decode()
    assert "已逾期" in page
    assert "劳动争议调解" in page
    assert "诉前调解" in page
    assert page.index("劳动争议调解") < page.index("诉前调解")
    by_case = client.get("/deadlines/?view=case").content.decode()
    assert overdue.case.number in by_case


def test_my_deadlines_shows_nothing_of_another_towns_cases(client, other_town_mediator, overdue):
    client.force_login(other_town_mediator)
    page = client.get("/deadlines/").content.decode()
    assert overdue.case.number not in page


def test_my_deadlines_asks_a_fixed_number_of_queries(
    client, mediator, case, django_assert_max_num_queries
):
    for kind in ["labour_mediation", "pre_litigation", "petition_accept"] * 5:
        start_deadline(case=case, kind=kind, starts_at=days_ago(10))
    client.force_login(mediator)
    with django_assert_max_num_queries(14):
        assert client.get("/deadlines/").status_code == 200


def test_the_supervisor_sees_the_overdue_list_and_a_mediator_gets_404(
    client, supervisor, mediator, overdue, upcoming
):
    client.force_login(supervisor)
    page = client.get("/deadlines/overdue/").content.decode()
    assert overdue.case.number in page
    assert "诉前调解" not in page.split("<tbody>")[1]
    client.force_login(mediator)
    assert client.get("/deadlines/overdue/").status_code == 404


def test_the_overdue_list_pages_by_keyset(client, supervisor, case):
    for n in range(55):
        start_deadline(case=case, kind="labour_mediation", starts_at=days_ago(60 - n % 30))
    client.force_login(supervisor)
    first = client.get("/deadlines/overdue/")
    assert first.context["next_cursor"]
    second = client.get("/deadlines/overdue/", {"after": first.context["next_cursor"]})
    ids = [d.pk for d in first.context["rows"]] + [d.pk for d in second.context["rows"]]
    assert len(ids) == len(set(ids)) == 55
    assert client.get("/deadlines/overdue/", {"after": "garbage"}).status_code == 400


def test_a_deadline_of_a_case_outside_the_users_scope_is_404(client, other_town_mediator, overdue):
    client.force_login(other_town_mediator)
    assert client.get(f"/deadlines/{overdue.pk}/").status_code == 404
    assert client.post(f"/deadlines/{overdue.pk}/pause/", {"reason": "x"}).status_code == 404
    assert client.get("/deadlines/999999/").status_code == 404


def test_pausing_and_resuming_through_the_page(client, mediator, upcoming):
    client.force_login(mediator)
    response = client.post(
        f"/deadlines/{upcoming.pk}/pause/", {"reason": "等待补充材料"}, follow=True
    )
    assert "期限已暂停" in response.content.decode()
    assert Deadline.objects.get(pk=upcoming.pk).is_paused
    response = client.post(f"/deadlines/{upcoming.pk}/resume/", follow=True)
    assert "期限已恢复计算" in response.content.decode()


def test_pausing_a_met_deadline_through_the_page_says_why_and_keeps_the_reason(
    client, mediator, upcoming
):
    from deadlines.services import meet_deadlines

    meet_deadlines(case=upcoming.case, kind="pre_litigation")
    client.force_login(mediator)
    response = client.post(f"/deadlines/{upcoming.pk}/pause/", {"reason": "等待补充材料"})
    assert response.status_code == 409
    assert "已完成，不能暂停" in response.content.decode()


def test_an_extension_without_approver_is_refused_and_keeps_what_was_typed(
    client, mediator, upcoming
):
    client.force_login(mediator)
    new_date = (upcoming.due_date + dt.timedelta(days=10)).isoformat()
    response = client.post(
        f"/deadlines/{upcoming.pk}/extend/",
        {"new_due_date": new_date, "reason": "双方同意继续调解"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "须经负责人批准" in page
    assert "双方同意继续调解" in page
    assert not DeadlineExtension.objects.exists()


def test_an_extension_to_an_earlier_date_is_refused(client, supervisor, upcoming):
    client.force_login(supervisor)
    response = client.post(
        f"/deadlines/{upcoming.pk}/extend/",
        {
            "new_due_date": (upcoming.due_date - dt.timedelta(days=3)).isoformat(),
            "reason": "双方同意",
            "approved_by": supervisor.pk,
        },
    )
    assert response.status_code == 409
    assert "须晚于当前届满日" in response.content.decode()


def test_a_supervisor_records_an_approved_extension(client, mediator, supervisor, upcoming):
    client.force_login(mediator)
    new_date = upcoming.due_date + dt.timedelta(days=10)
    response = client.post(
        f"/deadlines/{upcoming.pk}/extend/",
        {"new_due_date": new_date.isoformat(), "reason": "双方同意", "approved_by": supervisor.pk},
        follow=True,
    )
    assert "期限已延长" in response.content.decode()
    assert Deadline.objects.get(pk=upcoming.pk).due_date == new_date


def test_chips_render_for_the_case_page(case, overdue, upcoming):
    html = Template("{% load deadline_tags %}{% deadline_chips case %}").render(
        Context({"case": case})
    )
    assert "已逾期" in html
    assert "chip--overdue" in html
    assert "剩 " in html
    empty = Template("{% load deadline_tags %}{% deadline_chips case %}").render(
        Context({"case": a_case()})
    )
    assert "暂无计时中的期限" in empty
    assert "短信通知当事人" not in html  # no signed-in handler in this context


def test_chips_offer_the_party_sms_link_to_the_cases_handler(rf, case, mediator, upcoming):
    request = rf.get("/")
    request.user = mediator
    html = Template("{% load deadline_tags %}{% deadline_chips case %}").render(
        Context({"case": case, "request": request})
    )
    assert f"/deadlines/case/{case.pk}/sms/" in html


def test_desk_staff_text_a_party_once_and_the_timeline_says_so(client, mediator, case):
    client.force_login(mediator)
    form = client.get(f"/deadlines/case/{case.pk}/sms/")
    nonce = form.context["form"]["nonce"].value()
    party = case.parties.get(name="陈某")
    data = {
        "party": party.pk,
        "purpose": "materials",
        "due_date": (timezone.localdate() + dt.timedelta(days=5)).isoformat(),
        "note": "请带身份证原件",
        "nonce": nonce,
    }
    response = client.post(f"/deadlines/case/{case.pk}/sms/", data, follow=True)
    assert "短信已提交发送" in response.content.decode()
    again = client.post(f"/deadlines/case/{case.pk}/sms/", data, follow=True)
    assert "没有重复发送" in again.content.decode()
    message = OutboundMessage.objects.get()
    assert message.to == "13812345678"
    assert "请带身份证原件" in message.body
    assert case.number in message.body
    event = CaseEvent.objects.get(case=case, kind="party_sms")
    assert event.is_public
    assert "13812345678" not in event.text


def test_a_party_sms_with_a_past_date_or_foreign_party_is_refused(client, mediator, case):
    client.force_login(mediator)
    other_party = a_case().parties.first()
    for party, day in [(case.parties.first().pk, -1), (other_party.pk, 3)]:
        response = client.post(
            f"/deadlines/case/{case.pk}/sms/",
            {
                "party": party,
                "purpose": "materials",
                "due_date": (timezone.localdate() + dt.timedelta(days=day)).isoformat(),
                "nonce": "n1",
            },
        )
        assert response.status_code == 400
    assert not OutboundMessage.objects.exists()


def test_the_sms_page_of_another_towns_case_is_404(client, other_town_mediator, case):
    client.force_login(other_town_mediator)
    assert client.get(f"/deadlines/case/{case.pk}/sms/").status_code == 404


def test_the_calendar_feed_lists_my_deadlines_by_token_only(client, mediator, overdue):
    client.force_login(mediator)
    client.post("/deadlines/calendar/token/")
    token = mediator.calendar_token.token
    client.logout()
    feed = client.get(f"/deadlines/calendar/{token}.ics")
    assert feed["Content-Type"].startswith("text/calendar")
    body = feed.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n")
    assert f"deadline-{overdue.pk}@" in body
    assert "DTSTART;VALUE=DATE:" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    assert client.get("/deadlines/calendar/not-a-token.ics").status_code == 404


def test_a_registered_source_adds_events_to_the_feed(client, mediator):
    from deadlines import calendar_feed

    def sessions(user):
        yield calendar_feed.FeedEvent(
            uid="session-1@test", summary="调解会议：陈某与林某", start=timezone.now()
        )

    calendar_feed.register_source(sessions)
    try:
        client.force_login(mediator)
        client.post("/deadlines/calendar/token/")
        body = client.get(f"/deadlines/calendar/{mediator.calendar_token.token}.ics").content
        assert "调解会议：陈某与林某" in body.decode()
    finally:
        calendar_feed._SOURCES.remove(sessions)


def test_the_inbox_shows_reminders_with_an_unread_count_in_the_header(client, mediator, overdue):
    sweep()
    client.force_login(mediator)
    page = client.get("/inbox/").content.decode()
    assert "已逾期" in page
    assert 'class="badge"' in page
    note = Notification.objects.get(recipient=mediator)
    response = client.get(f"/inbox/{note.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/deadlines/{overdue.pk}/"
    assert Notification.objects.get(pk=note.pk).read_at is not None
    assert 'class="badge"' not in client.get("/inbox/").content.decode()


def test_another_users_notification_is_404(client, mediator, supervisor, overdue):
    sweep()
    note = Notification.objects.get(recipient=mediator)
    client.force_login(supervisor)
    assert client.get(f"/inbox/{note.pk}/").status_code == 404
