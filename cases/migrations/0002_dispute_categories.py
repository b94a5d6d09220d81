from __future__ import annotations

from django.db import migrations

from cases.categories import load_default_categories


def forwards(apps, schema_editor):
    load_default_categories(apps)


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
