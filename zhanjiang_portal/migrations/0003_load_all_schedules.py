from __future__ import annotations

from django.db import migrations

from zhanjiang_portal.schedules import load_schedules


def forwards(apps, schema_editor):
    # Adds any schedule of SCHEDULES a database does not have yet (get_or_create).
    load_schedules(apps)


class Migration(migrations.Migration):
    dependencies = [("zhanjiang_portal", "0002_heartbeat_schedule")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
