from __future__ import annotations

from django.db import migrations

from villages.divisions import load_regions


def forwards(apps, schema_editor):
    load_regions(apps.get_model("villages", "Region"))


class Migration(migrations.Migration):
    dependencies = [("villages", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
