from __future__ import annotations

from django.db import migrations

from zhanjiang_portal.schedules import load_schedules


def forwards(apps, schema_editor):
    load_schedules(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("stats", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
