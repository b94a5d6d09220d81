from __future__ import annotations

from django.db import migrations

from police.reference import load_traffic_police


def forwards(apps, schema_editor):
    load_traffic_police(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("police", "0001_initial"),
        ("accounts", "0004_traffic_police_petition_fast_track_kinds"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
