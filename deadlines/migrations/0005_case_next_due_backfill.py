"""Fill cases' next_due_at (cases 0008) from the clocks already running; from here on
deadlines.services keeps it."""

from django.db import migrations
from django.db.models import Min, OuterRef, Subquery


def backfill(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    Deadline = apps.get_model("deadlines", "Deadline")
    running = Deadline.objects.filter(met_at=None, paused_at=None)
    first_due = (
        running.filter(case_id=OuterRef("pk"))
        .order_by()
        .values("case_id")
        .annotate(first=Min("due_at"))
        .values("first")
    )
    Case.objects.filter(pk__in=running.values("case_id")).update(next_due_at=Subquery(first_due))


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0008_next_due_marker"),
        ("deadlines", "0004_reminder_schedules"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
