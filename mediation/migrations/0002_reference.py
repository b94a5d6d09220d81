from __future__ import annotations

from django.db import migrations

from mediation.reference import load_mediation_reference


def load(apps, schema_editor):
    load_mediation_reference(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("mediation", "0001_initial"),
        ("accounts", "0002_reference_organisations"),
        ("cases", "0002_dispute_categories"),
    ]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
