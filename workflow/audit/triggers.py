"""Database triggers that make the audit table append-only, per vendor (design §5).

Used by the migration ``audit_append_only_triggers`` and by the tamper tests, which drop the
triggers, tamper through raw SQL, and restore them. TRUNCATE is not refused on PostgreSQL
(it needs the table owner, and the test runner's flush uses it); ``verify_audit`` still
catches it, because the chain head remembers how long the log was.
"""

from __future__ import annotations

from django.db import migrations

TABLE = "workflow_auditevent"
MESSAGE = "workflow_auditevent is append-only"

SQL = {
    "postgresql": {
        "install": [
            f"""
            CREATE OR REPLACE FUNCTION {TABLE}_append_only() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION '{MESSAGE}: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
            END;
            $$ LANGUAGE plpgsql
            """,
            f"""
            CREATE TRIGGER {TABLE}_no_update_delete BEFORE UPDATE OR DELETE ON {TABLE}
            FOR EACH ROW EXECUTE FUNCTION {TABLE}_append_only()
            """,
        ],
        "drop": [
            f"DROP TRIGGER IF EXISTS {TABLE}_no_update_delete ON {TABLE}",
            f"DROP FUNCTION IF EXISTS {TABLE}_append_only()",
        ],
    },
    "sqlite": {
        "install": [
            f"""
            CREATE TRIGGER {TABLE}_no_update BEFORE UPDATE ON {TABLE}
            BEGIN SELECT RAISE(ABORT, '{MESSAGE}: UPDATE refused'); END
            """,
            f"""
            CREATE TRIGGER {TABLE}_no_delete BEFORE DELETE ON {TABLE}
            BEGIN SELECT RAISE(ABORT, '{MESSAGE}: DELETE refused'); END
            """,
        ],
        "drop": [
            f"DROP TRIGGER IF EXISTS {TABLE}_no_update",
            f"DROP TRIGGER IF EXISTS {TABLE}_no_delete",
        ],
    },
}


def _run(connection, which: str) -> None:
    statements = SQL.get(connection.vendor)
    if statements is None:
        raise NotImplementedError(f"No append-only triggers for the {connection.vendor} database.")
    with connection.cursor() as cursor:
        for statement in statements[which]:
            cursor.execute(statement)


def install(connection) -> None:
    _run(connection, "install")


def drop(connection) -> None:
    _run(connection, "drop")


class VendorRunSQL:
    """``migrations.RunSQL`` that runs only on one database vendor (built lazily for migrations)."""
    def __new__(cls, vendor: str, sql: list[str], reverse_sql: list[str]):
        class _VendorRunSQL(migrations.RunSQL):
            def database_forwards(self, app_label, schema_editor, from_state, to_state):
                if schema_editor.connection.vendor == vendor:
                    super().database_forwards(app_label, schema_editor, from_state, to_state)

            def database_backwards(self, app_label, schema_editor, from_state, to_state):
                if schema_editor.connection.vendor == vendor:
                    super().database_backwards(app_label, schema_editor, from_state, to_state)

            def describe(self):
                return f"Append-only triggers on the audit log ({vendor})"

        return _VendorRunSQL(sql=sql, reverse_sql=reverse_sql)
