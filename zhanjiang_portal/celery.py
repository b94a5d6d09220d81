from __future__ import annotations

import os

from celery import Celery
from celery.signals import task_postrun, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhanjiang_portal.settings")

app = Celery("zhanjiang_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect
@task_postrun.connect
def close_old_connections(task=None, **kwargs) -> None:
    """What Django does around each request, around each task: a connection older than
    CONN_MAX_AGE or left broken is closed, and a kept one is checked before its next use
    (CONN_HEALTH_CHECKS). With CELERY_DB_REUSE_MAX set, this decides when a worker's
    connection goes. An eager task runs in its caller's process, perhaps inside the caller's
    transaction: the caller's connection is left alone."""
    if task is not None and task.request.is_eager:
        return
    from django import db

    db.close_old_connections()
