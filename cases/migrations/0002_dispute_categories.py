from __future__ import annotations

from django.db import migrations

from cases.categories import load_categories


def forwards(apps, schema_editor):
    load_categories(apps.get_model("cases", "DisputeCategory"))


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
