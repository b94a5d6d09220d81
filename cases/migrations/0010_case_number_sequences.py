"""Case numbers from a sequence per organisation and year (PostgreSQL only; see
cases/case_numbers.py): one function takes the next number, making the sequence on an
organisation's first filing of a year, in one statement.

The sequence starts after the last number already issued (a counter row or a case), so the
numbers of a year carry on where the counter rows left them.
"""

from __future__ import annotations

from django.db import migrations

CREATE = r"""
CREATE OR REPLACE FUNCTION next_case_number(p_organisation bigint, p_year integer)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    seq text := format('case_number_%s_%s', p_organisation, p_year);
    issued bigint;
BEGIN
    IF to_regclass(seq) IS NULL THEN
        SELECT GREATEST(
            (SELECT max(c.last) FROM cases_casenumbercounter c
              WHERE c.organisation_id = p_organisation AND c.year = p_year),
            (SELECT max(k.number_sequence) FROM cases_case k
              WHERE k.numbered_by_id = p_organisation AND k.number_year = p_year),
            0) INTO issued;
        BEGIN
            EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I START %s', seq, issued + 1);
        EXCEPTION WHEN unique_violation THEN
            -- A concurrent first filing made it: this CREATE waited for that filing to
            -- commit and then collided with its sequence, which is there to use now.
            NULL;
        END;
    END IF;
    RETURN nextval(seq);
END
$$;
"""
DROP = "DROP FUNCTION IF EXISTS next_case_number(bigint, integer)"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)  # its % are format() placeholders


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("cases", "0009_supervisor_lists")]

    operations = [migrations.RunPython(create, drop)]
