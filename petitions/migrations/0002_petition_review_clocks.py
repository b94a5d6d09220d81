from __future__ import annotations

from django.db import migrations

from petitions.rules import load_petition_rules


def forwards(apps, schema_editor):
    load_petition_rules(apps)


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial"), ("deadlines", "0002_default_rules")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
