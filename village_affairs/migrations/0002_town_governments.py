from __future__ import annotations

from django.db import migrations

from village_affairs.reference import load_town_governments
from zhanjiang_portal.schedules import load_schedules


def forwards(apps, schema_editor):
    load_town_governments(apps)
    load_schedules(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("village_affairs", "0001_initial"),
        ("accounts", "0004_town_government_kind_and_town_officer_role"),
        ("zhanjiang_portal", "0003_load_all_schedules"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
