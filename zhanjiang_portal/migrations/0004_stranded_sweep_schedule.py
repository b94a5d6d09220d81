from __future__ import annotations

from django.db import migrations

from zhanjiang_portal.schedules import load_schedules


def forwards(apps, schema_editor):
    # Adds the stranded-case sweep (and any other schedule a database does not have yet).
    load_schedules(apps)


class Migration(migrations.Migration):
    dependencies = [("zhanjiang_portal", "0003_load_all_schedules")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
