from __future__ import annotations

from django.db import migrations

from accounts.reference import fill_office_prefixes


def forwards(apps, schema_editor):
    fill_office_prefixes(apps)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_reference_organisations")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
