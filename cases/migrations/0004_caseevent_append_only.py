from __future__ import annotations

from django.db import migrations

from cases import timeline_triggers


def install(apps, schema_editor):
    timeline_triggers.install(schema_editor.connection)


def remove(apps, schema_editor):
    timeline_triggers.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_case_core")]
    operations = [migrations.RunPython(install, remove)]
