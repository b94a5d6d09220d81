"""A GIN index over each case's search terms as a tsvector (PostgreSQL only; SQLite scans)."""

from __future__ import annotations

from django.db import migrations

INDEX = "cases_case_search_terms_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON cases_case USING gin "
            "((array_to_tsvector(string_to_array(btrim(cases_case.search_terms), ' '))))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_intake")]

    operations = [migrations.RunPython(create, drop)]
