from __future__ import annotations

from django.db import migrations

from zhanjiang_portal.schedules import load_schedules


def forwards(apps, schema_editor):
    # Adds the reminder sweep and the stuck-message requeue; existing entries are kept.
    load_schedules(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("deadlines", "0003_pauses_extensions_reminders"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
        ("zhanjiang_portal", "0002_heartbeat_schedule"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
