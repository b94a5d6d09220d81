"""Hand-offs between organisations through their services and the inbox pages."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Role
from accounts.verbs import ActionRefused
from notifications.models import Notification
from tests.cases.factories import a_case
from tests.celery_worker import purge_queues
from tests.conftest import make_staff, org
from transfers import push, services
from transfers.models import Transfer
from transfers.tasks import deliver_pending_task

from .factories import a_transfer

pytestmark = pytest.mark.django_db


@pytest.fixture
def legal_aid_officer(db):
    return make_staff("legalaid_potou", Role.LEGAL_AID_OFFICER, "legalaid-440804")


def test_a_referral_without_the_parties_consent_is_refused():
    with pytest.raises(services.TransferRefused):
        a_transfer("refer_legal_aid", has_consent=False)

    assert not Transfer.objects.exists()


def test_a_court_delegation_goes_ahead_without_separate_consent_as_the_law_requires():
    transfer = a_transfer(
        "delegate_pre_litigation",
        has_consent=False,
        from_organisation=org("court-0804"),
        to_organisation=org("bureau-440804"),
    )

    assert transfer.status == "pending"
    assert transfer.has_consent is False


def test_the_transfer_is_on_the_case_timeline_and_queued_once_after_commit(
    django_capture_on_commit_callbacks, no_self_routing
):
    case = a_case()
    with django_capture_on_commit_callbacks() as callbacks:
        transfer = a_transfer(case=case)

    # The delivery, once (the case's own filing queued its work before).
    assert len(callbacks) == 1
    assert transfer.case.events.filter(kind="transfer_created").exists()


def queued_messages(queue: str) -> int:
    """Messages waiting in one queue of the configured broker."""
    from zhanjiang_portal.celery import app

    with app.connection_for_write() as conn:
        return conn.default_channel.queue_declare(queue=queue, passive=True).message_count


def test_a_burst_of_hand_offs_queues_one_delivery_run_which_delivers_them_all(
    django_capture_on_commit_callbacks, legal_aid_officer, no_self_routing
):
    """A court pushing hundreds of cases costs a few runs of the delivery task, not a task
    each. Once the queued run has started, the next hand-off queues another."""
    purge_queues()
    transfers = []
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            transfers.append(a_transfer())
    assert queued_messages("transfers") == 1

    deliver_pending_task.apply()

    assert {t.status for t in Transfer.objects.filter(pk__in=[t.pk for t in transfers])} == {
        "delivered"
    }
    assert Notification.objects.filter(recipient=legal_aid_officer, kind="transfer").count() == 3
    with django_capture_on_commit_callbacks(execute=True):
        a_transfer()
    assert queued_messages("transfers") == 2


def test_a_transfer_that_cannot_be_delivered_holds_up_none_of_the_others(
    legal_aid_officer, caplog, expected_traceback
):
    """A batch is delivered at once; when one row fails (here the database refuses its
    timeline entry), the others are delivered one by one and the broken one waits."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the fault is a PostgreSQL trigger")
    first, broken, last = a_transfer(), a_transfer(), a_transfer()
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION refuse_one_delivery() RETURNS trigger AS $$ BEGIN "
            f"IF NEW.payload->>'transfer' = '{broken.pk}' THEN RAISE EXCEPTION 'refused'; "
            "END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
        )
        cursor.execute(
            "CREATE TRIGGER refuse_one_delivery BEFORE INSERT ON cases_caseevent "
            "FOR EACH ROW EXECUTE FUNCTION refuse_one_delivery()"
        )

    delivered, _pushes = services.deliver_pending()

    assert delivered == 2
    statuses = dict(Transfer.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "delivered", broken.pk: "pending", last.pk: "delivered"}
    assert Notification.objects.filter(recipient=legal_aid_officer, kind="transfer").count() == 2
    assert f"transfer {broken.pk} could not be delivered" in caplog.text


def test_delivering_twice_delivers_once(legal_aid_officer):
    transfer = a_transfer()

    assert services.deliver_transfer(transfer.pk) is True
    assert services.deliver_transfer(transfer.pk) is False

    transfer.refresh_from_db()
    assert transfer.status == "delivered"
    assert Notification.objects.filter(recipient=legal_aid_officer, kind="transfer").count() == 1
    assert transfer.case.events.filter(kind="transfer_delivered").count() == 1


def test_the_sweep_delivers_only_what_has_waited_past_the_threshold(settings):
    settings.TRANSFER_SWEEP_AFTER_SECONDS = 60
    old = a_transfer()
    Transfer.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(minutes=2))
    fresh = a_transfer()

    delivered, due = services.sweep_transfers()

    assert delivered == 1
    assert Transfer.objects.get(pk=old.pk).status == "delivered"
    assert Transfer.objects.get(pk=fresh.pk).status == "pending"
    assert due == []


def test_a_rejection_needs_a_coded_reason_and_text(legal_aid_officer):
    transfer = a_transfer()
    services.deliver_transfer(transfer.pk)
    transfer.refresh_from_db()

    with pytest.raises(ValidationError):
        services.reject_transfer(transfer, actor=legal_aid_officer, reason_code="nope", text="x")
    with pytest.raises(ValidationError):
        services.reject_transfer(transfer, actor=legal_aid_officer, reason_code="other", text=" ")

    assert Transfer.objects.get(pk=transfer.pk).status == "delivered"


def test_a_transfer_is_answered_only_once(legal_aid_officer):
    transfer = a_transfer()
    services.deliver_transfer(transfer.pk)
    transfer.refresh_from_db()
    services.accept_transfer(transfer, actor=legal_aid_officer)

    with pytest.raises(ActionRefused):
        services.reject_transfer(
            transfer, actor=legal_aid_officer, reason_code="duplicate", text="重复"
        )

    transfer.refresh_from_db()
    assert (transfer.status, transfer.answered_by) == ("accepted", legal_aid_officer)
    assert transfer.signed_for_at is not None


def test_a_silent_receiver_is_reminded_then_escalated_to_its_supervisor_once_each(
    legal_aid_officer,
):
    bureau_officer = make_staff("bureau_potou", Role.BUREAU_OFFICER, "bureau-440804")
    with time_machine.travel(dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC), tick=False):
        transfer = a_transfer()  # Monday
        services.deliver_transfer(transfer.pk)

    with time_machine.travel(dt.datetime(2026, 11, 23, 20, tzinfo=dt.UTC), tick=False):
        assert services.remind_unanswered() == (0, 0)  # eleven hours: nothing yet
    with time_machine.travel(dt.datetime(2026, 11, 25, 9, tzinfo=dt.UTC), tick=False):
        # Not signed for after a day: a sign-for reminder; two working days: no more.
        assert services.remind_unanswered() == (1, 0)
        assert services.remind_unanswered() == (0, 0)
    with time_machine.travel(dt.datetime(2026, 11, 26, 9, tzinfo=dt.UTC), tick=False):
        assert services.remind_unanswered() == (1, 0)
        assert services.remind_unanswered() == (0, 0)
    with time_machine.travel(dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC), tick=False):
        assert services.remind_unanswered() == (0, 1)
        assert services.remind_unanswered() == (0, 0)

    assert (
        Notification.objects.filter(recipient=legal_aid_officer, kind="transfer_reminder").count()
        == 1
    )
    # legalaid-440804's parent is the county bureau.
    assert (
        Notification.objects.filter(recipient=bureau_officer, kind="transfer_escalated").count()
        == 1
    )
    assert transfer.case.events.filter(kind="transfer_escalated").count() == 1


def test_the_receiver_signs_for_rejects_and_the_sender_sees_it_back(
    client, legal_aid_officer, supervisor
):
    transfer = a_transfer()
    services.deliver_transfer(transfer.pk)
    client.force_login(legal_aid_officer)

    page = client.get("/transfers/")
    assert transfer.case.number in page.content.decode()
    client.post(f"/transfers/{transfer.pk}/sign-for/")
    response = client.post(
        f"/transfers/{transfer.pk}/reject/",
        {"reason": "materials_incomplete", "text": "缺少收入证明"},
        follow=True,
    )

    assert "已退回" in response.content.decode()
    transfer.refresh_from_db()
    assert transfer.status == "rejected"
    assert transfer.signed_for_by == legal_aid_officer
    client.force_login(supervisor)
    sender_page = client.get("/transfers/").content.decode()
    assert "缺少收入证明" in sender_page
    assert "材料不全需补正" in sender_page


def test_a_rejection_form_without_a_reason_keeps_the_text(client, legal_aid_officer):
    transfer = a_transfer()
    services.deliver_transfer(transfer.pk)
    client.force_login(legal_aid_officer)

    response = client.post(f"/transfers/{transfer.pk}/reject/", {"reason": "", "text": "我的说明"})

    assert response.status_code == 200
    assert "我的说明" in response.content.decode()
    assert Transfer.objects.get(pk=transfer.pk).status == "delivered"


def test_another_organisation_cannot_answer_the_transfer(client, other_town_mediator):
    transfer = a_transfer()
    services.deliver_transfer(transfer.pk)
    client.force_login(other_town_mediator)

    assert client.post(f"/transfers/{transfer.pk}/accept/").status_code == 404
    assert client.get(f"/transfers/{transfer.pk}/reject/").status_code == 404
    assert transfer.case.number not in client.get("/transfers/").content.decode()


def test_the_inbox_reads_in_a_bounded_number_of_queries(
    client, legal_aid_officer, django_assert_max_num_queries
):
    for _ in range(5):
        services.deliver_transfer(a_transfer().pk)
    client.force_login(legal_aid_officer)

    with django_assert_max_num_queries(15):
        assert client.get("/transfers/").status_code == 200


def test_a_result_is_posted_to_the_courts_own_system_and_retried_with_backoff(
    external_receiver, settings
):
    from transfers.models import ExternalEndpoint

    settings.TRANSFER_EXTERNAL_RETRY_BASE_SECONDS = 30
    receiver = external_receiver(fail_first=2)
    ExternalEndpoint.objects.create(
        organisation=org("court-0804"), callback_url=receiver.url, secret=receiver.secret
    )
    transfer = a_transfer(
        "return_result", from_organisation=org("pmc-440804104"), to_organisation=org("court-0804")
    )
    services.deliver_transfer(transfer.pk)

    first_wait = push.push_external(transfer.pk)
    not_due_yet = push.push_external(transfer.pk)
    Transfer.objects.filter(pk=transfer.pk).update(next_attempt_at=timezone.now())
    second_wait = push.push_external(transfer.pk)
    Transfer.objects.filter(pk=transfer.pk).update(next_attempt_at=timezone.now())
    done = push.push_external(transfer.pk)

    assert (first_wait, not_due_yet, second_wait, done) == (30, None, 60, None)
    transfer.refresh_from_db()
    assert transfer.external_status == "acknowledged"
    assert receiver.attempts == [transfer.idempotency_key] * 3
    assert receiver.bad_signatures == 0
    assert receiver.processed[transfer.idempotency_key]["kind"] == "return_result"


def test_a_transfer_signed_for_in_time_gets_no_sign_for_reminder(legal_aid_officer):
    with time_machine.travel(dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC), tick=False):
        transfer = a_transfer()
        services.deliver_transfer(transfer.pk)
        transfer.refresh_from_db()
        services.sign_for(transfer, actor=legal_aid_officer)

    with time_machine.travel(dt.datetime(2026, 11, 24, 12, tzinfo=dt.UTC), tick=False):
        assert services.remind_unanswered() == (0, 0)

    assert not Notification.objects.filter(kind="transfer_sign_for_reminder").exists()


def test_a_supervisor_refers_a_case_to_legal_aid_with_the_parties_consent(
    client, supervisor, legal_aid_officer
):
    from tests.cases.factories import a_case

    case = a_case()
    # Someone works at the petition office, so it is on the list (a wrong kind for legal aid).
    make_staff("petition_potou", Role.BUREAU_OFFICER, "petition-440804")
    client.force_login(supervisor)

    refused = client.post(
        f"/transfers/refer/{case.pk}/",
        {
            "kind": "refer_legal_aid",
            "to_organisation": org("legalaid-440804").pk,
            "note": "农民工讨薪",
        },
    )
    wrong_kind = client.post(
        f"/transfers/refer/{case.pk}/",
        {
            "kind": "refer_legal_aid",
            "to_organisation": org("petition-440804").pk,
            "has_consent": "on",
            "note": "农民工讨薪",
        },
    )
    done = client.post(
        f"/transfers/refer/{case.pk}/",
        {
            "kind": "refer_legal_aid",
            "to_organisation": org("legalaid-440804").pk,
            "has_consent": "on",
            "consent_note": "当面签字确认",
            "note": "农民工讨薪",
        },
        follow=True,
    )

    assert "请先取得当事人同意" in refused.content.decode()
    assert "农民工讨薪" in refused.content.decode()
    assert "接收机构与移送类型不符" in wrong_kind.content.decode()
    assert "已移送" in done.content.decode()
    transfer = Transfer.objects.get()
    assert (transfer.kind, transfer.has_consent, transfer.consent_note) == (
        "refer_legal_aid",
        True,
        "当面签字确认",
    )


def test_someone_outside_the_case_cannot_refer_it(client, other_town_mediator):
    from tests.cases.factories import a_case

    case = a_case()
    client.force_login(other_town_mediator)

    assert client.get(f"/transfers/refer/{case.pk}/").status_code == 404


def test_the_receivers_desk_counts_what_waits_for_it(client, legal_aid_officer):
    services.deliver_transfer(a_transfer().pk)
    client.force_login(legal_aid_officer)

    page = client.get("/desk/").content.decode()

    assert "待签收、待处理的移送" in page
    assert "<strong>1</strong>" in page
