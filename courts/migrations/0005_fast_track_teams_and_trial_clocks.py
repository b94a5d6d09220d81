from __future__ import annotations

from django.db import migrations

from courts.fast_track import load_fast_track_reference


def forwards(apps, schema_editor):
    load_fast_track_reference(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("courts", "0004_fast_track"),
        ("accounts", "0004_traffic_police_petition_fast_track_kinds"),
        ("deadlines", "0002_default_rules"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
