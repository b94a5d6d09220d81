"""SMS and e-mail: written with the sender's change, sent by a task, retried with backoff,
and shown to the sender's supervisor when the last try fails."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import override_settings

from notifications.models import MessageStatus, Notification, OutboundMessage
from notifications.services import deliver, retry_delay, send_sms
from tests.celery_worker import wait_until

RAISING = "tests.notifications.backends.RaisingBackend"
FLAKY = "tests.notifications.backends.FlakyBackend"


def test_the_default_backend_logs_the_sms_and_the_table_shows_it_sent(
    window_clerk, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks() as queued:
        message = send_sms(
            to="13812345678", kind="party_invitation", body="请补充材料", sent_by=window_clerk
        )
    assert len(queued) == 1  # the send task is queued once the sender's change commits
    assert message.status == MessageStatus.PENDING
    assert deliver(message.pk) == "sent"
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert message.attempts == 1
    assert message.provider_ref == f"log-{message.pk}"
    # The log holds the number masked (personal data stays out of the worker's log).
    assert "138****5678" in caplog.text
    assert "13812345678" not in caplog.text


def test_a_message_already_sent_is_not_sent_again_by_a_repeated_task(window_clerk):
    message = send_sms(to="13812345678", kind="party_invitation", body="请补充材料")
    assert deliver(message.pk) == "sent"
    assert deliver(message.pk) == "skipped"
    message.refresh_from_db()
    assert message.attempts == 1


@override_settings(NOTIFICATIONS_SMS_BACKEND=RAISING, NOTIFICATIONS_SEND_MAX_ATTEMPTS=3)
def test_a_raising_backend_is_retried_and_after_the_last_try_the_supervisor_is_told(
    window_clerk, supervisor
):
    message = send_sms(
        to="13812345678", kind="party_invitation", body="请补充材料", sent_by=window_clerk
    )
    outcomes = [deliver(message.pk) for _ in range(3)]
    assert outcomes == ["retrying", "retrying", "failed"]
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED
    assert "短信网关无响应" in message.last_error
    note = Notification.objects.get(recipient=supervisor)
    assert note.kind == "send_failed"
    assert "13812345678" in note.title
    assert "请补充材料" in note.body


def test_retries_back_off_but_never_beyond_the_brokers_visibility_timeout(settings):
    settings.NOTIFICATIONS_RETRY_BASE_SECONDS = 30
    assert [retry_delay(n) for n in (1, 2, 3, 4, 5, 6)] == [30, 120, 480, 1800, 1800, 1800]


def test_a_message_left_sending_by_a_killed_worker_is_sent_again(window_clerk):
    import datetime as dt

    from django.utils import timezone

    from notifications.services import requeue_stuck

    message = send_sms(to="13812345678", kind="party_invitation", body="请补充材料")
    OutboundMessage.objects.filter(pk=message.pk).update(
        status=MessageStatus.SENDING, claimed_at=timezone.now() - dt.timedelta(minutes=30)
    )
    assert requeue_stuck() == 1
    assert OutboundMessage.objects.get(pk=message.pk).status == MessageStatus.PENDING
    assert deliver(message.pk) == "sent"


@pytest.mark.integration
def test_a_real_worker_retries_a_flaky_provider_until_the_sms_goes(
    celery_worker_process, monkeypatch, window_clerk
):
    monkeypatch.setenv("NOTIFICATIONS_SMS_BACKEND", FLAKY)
    monkeypatch.setenv("NOTIFICATIONS_RETRY_BASE_SECONDS", "1")
    celery_worker_process.kill()
    celery_worker_process.start()
    with transaction.atomic():
        message = send_sms(
            to="13812345678", kind="party_invitation", body="请补充材料", sent_by=window_clerk
        )
    assert wait_until(
        lambda: OutboundMessage.objects.get(pk=message.pk).status == MessageStatus.SENT, timeout=60
    )
    message.refresh_from_db()
    assert message.attempts == 3
    assert message.provider_ref == f"flaky-{message.pk}"


@pytest.mark.integration
def test_a_real_worker_gives_up_on_a_dead_provider_and_tells_the_supervisor(
    celery_worker_process, monkeypatch, window_clerk, supervisor
):
    monkeypatch.setenv("NOTIFICATIONS_SMS_BACKEND", RAISING)
    monkeypatch.setenv("NOTIFICATIONS_RETRY_BASE_SECONDS", "1")
    monkeypatch.setenv("NOTIFICATIONS_SEND_MAX_ATTEMPTS", "2")
    celery_worker_process.kill()
    celery_worker_process.start()
    with transaction.atomic():
        message = send_sms(
            to="13812345678", kind="party_invitation", body="请补充材料", sent_by=window_clerk
        )
    assert wait_until(
        lambda: Notification.objects.filter(recipient=supervisor).exists(), timeout=60
    )
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED
    assert message.attempts == 2


def test_notify_staff_can_also_email_those_with_an_address(mediator, supervisor):
    from notifications.services import notify_staff

    mediator.email = "chenhai@example.cn"
    mediator.save()
    notify_staff([mediator, supervisor], kind="test", title="测试标题", body="测试内容", email=True)
    assert Notification.objects.count() == 2
    message = OutboundMessage.objects.get()
    assert message.channel == "email"
    assert message.to == "chenhai@example.cn"
    assert message.subject == "测试标题"
    assert deliver(message.pk) == "sent"
