"""A county supervisor's lists.

- Status + category for a set of organisations: an index that reads exactly those rows
  (24 ms to 1.7 ms at a million cases).
- A town filter under a scope of "my organisations OR assigned to me": the OR brings in the
  assignee, which the statistics of 0007 do not cover, so PostgreSQL took the scope and the town
  as unrelated again, expected a few hundred of the town's 8,000 cases to be in scope, and fetched
  and sorted them all instead of walking the town's newest-first index (16 ms against 0.2 ms).
  Most-common-value statistics over town, organisation and assignee let it see that a town's
  cases belong to its county's organisations. PostgreSQL only.
"""

from django.db import migrations, models

STATISTICS = "cases_case_town_org_assignee"


def create_statistics(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE STATISTICS IF NOT EXISTS {STATISTICS} (mcv) "
            "ON town_code, organisation_id, assignee_id FROM cases_case"
        )


def drop_statistics(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP STATISTICS IF EXISTS {STATISTICS}")


class Migration(migrations.Migration):
    dependencies = [("cases", "0008_next_due_marker")]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["organisation", "status", "category", "-filed_at", "-id"],
                name="cases_case_organis_f2f6b5_idx",
            ),
        ),
        migrations.RunPython(create_statistics, drop_statistics),
    ]
