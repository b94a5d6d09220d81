from __future__ import annotations

from django.db import migrations

from villages.divisions import load_divisions


def forwards(apps, schema_editor):
    load_divisions(apps)


class Migration(migrations.Migration):
    dependencies = [("villages", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
