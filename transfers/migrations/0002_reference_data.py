from __future__ import annotations

from django.db import migrations

from transfers.reference import load_refusal_reasons
from zhanjiang_portal.schedules import load_schedules


def forwards(apps, schema_editor):
    load_refusal_reasons(apps)
    # Adds the transfer sweep and reminders to the beat schedule (rows are get-or-create).
    load_schedules(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("transfers", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
