from __future__ import annotations

from django.db import migrations

from deadlines.rules import load_default_rules


def forwards(apps, schema_editor):
    load_default_rules(apps)


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
