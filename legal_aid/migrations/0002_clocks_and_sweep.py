"""The statutory clocks of legal aid and labour arbitration as DeadlineRule rows, and the
periodic sweep that withdraws silent applications."""

from __future__ import annotations

from django.db import migrations


def load(apps, schema_editor):
    from legal_aid.reference import load_clocks
    from zhanjiang_portal.schedules import load_schedules

    load_clocks(apps)
    load_schedules(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("legal_aid", "0001_initial"),
        ("deadlines", "0005_case_next_due_backfill"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
