"""Celery queues by kind of work: routing, transfers, reminders, notifications (and the
default queue for the rest), so that one slow kind cannot starve the others."""

from __future__ import annotations

import pytest

from zhanjiang_portal.celery import app


def queue_of(task_name: str) -> str:
    route = app.amqp.router.route({}, task_name)
    return route["queue"].name


@pytest.mark.parametrize(
    ("task_name", "queue"),
    [
        ("mediation.route_new_case", "routing"),
        ("mediation.sweep_unrouted", "routing"),
        ("transfers.deliver_pending", "transfers"),
        ("transfers.push_external", "transfers"),
        ("transfers.sweep", "transfers"),
        ("transfers.remind", "reminders"),
        ("deadlines.sweep_reminders", "reminders"),
        ("notifications.send_message", "notifications"),
        ("notifications.requeue_stuck", "notifications"),
        ("portal.heartbeat", "celery"),
    ],
)
def test_each_task_goes_to_the_queue_of_its_kind(task_name, queue):
    assert queue_of(task_name) == queue


def test_every_registered_task_of_the_portal_has_a_queue_a_worker_consumes():
    app.loader.import_default_modules()
    consumed = {queue.name for queue in app.conf.task_queues}
    ours = [name for name in app.tasks if not name.startswith("celery.")]
    assert ours
    assert {queue_of(name) for name in ours} <= consumed


def test_a_worker_started_without_a_queue_list_consumes_every_queue():
    assert {queue.name for queue in app.amqp.queues.values()} >= {
        "celery",
        "routing",
        "transfers",
        "reminders",
        "notifications",
    }
