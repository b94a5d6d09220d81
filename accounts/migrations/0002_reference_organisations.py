from __future__ import annotations

from django.db import migrations

from accounts.reference import load_reference_organisations


def forwards(apps, schema_editor):
    load_reference_organisations(apps)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("villages", "0002_load_divisions")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
