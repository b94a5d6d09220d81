"""Database triggers that make the case timeline (cases_caseevent) append-only.

Installed by migration 0004. TRUNCATE is left to the table owner (test flushes use it); the
portal never truncates. Row-level UPDATE and DELETE are refused for everyone.
"""

from __future__ import annotations

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION cases_caseevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'cases_caseevent is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER cases_caseevent_no_update BEFORE UPDATE ON cases_caseevent
    FOR EACH ROW EXECUTE FUNCTION cases_caseevent_append_only();
CREATE TRIGGER cases_caseevent_no_delete BEFORE DELETE ON cases_caseevent
    FOR EACH ROW EXECUTE FUNCTION cases_caseevent_append_only();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS cases_caseevent_no_update ON cases_caseevent;
DROP TRIGGER IF EXISTS cases_caseevent_no_delete ON cases_caseevent;
DROP FUNCTION IF EXISTS cases_caseevent_append_only();
"""
SQLITE_UP = [
    """CREATE TRIGGER IF NOT EXISTS cases_caseevent_no_update BEFORE UPDATE ON cases_caseevent
       BEGIN SELECT RAISE(ABORT, 'cases_caseevent is append-only: UPDATE refused'); END;""",
    """CREATE TRIGGER IF NOT EXISTS cases_caseevent_no_delete BEFORE DELETE ON cases_caseevent
       BEGIN SELECT RAISE(ABORT, 'cases_caseevent is append-only: DELETE refused'); END;""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS cases_caseevent_no_update;",
    "DROP TRIGGER IF EXISTS cases_caseevent_no_delete;",
]


def _statements(vendor: str, up: bool) -> list[str]:
    if vendor == "postgresql":
        return [POSTGRES_UP if up else POSTGRES_DOWN]
    if vendor == "sqlite":
        return SQLITE_UP if up else SQLITE_DOWN
    return []


def install(connection) -> None:
    with connection.cursor() as cursor:
        for sql in _statements(connection.vendor, up=True):
            cursor.execute(sql)


def remove(connection) -> None:
    with connection.cursor() as cursor:
        for sql in _statements(connection.vendor, up=False):
            cursor.execute(sql)
