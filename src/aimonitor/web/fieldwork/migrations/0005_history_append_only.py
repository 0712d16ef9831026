"""The audit trail is append-only: the database refuses to change a history record, and on
PostgreSQL to delete one (SQLite's ``flush``, used by the test runner, deletes with DELETE,
so it gets the update trigger only). django-simple-history only ever inserts."""

from django.db import migrations

TABLES = (
    "fieldwork_historicalmunicipalresponse",
    "fieldwork_historicalanswer",
)


def _postgresql(table):
    return f"""
CREATE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail ({table}) is append-only: a record cannot be %', lower(TG_OP)
        USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {table}_append_only();
"""


def _sqlite(table):
    return (
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE ON {table} "
        "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: a record cannot be updated'); END"
    )


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(_postgresql(table), params=None)
        elif vendor == "sqlite":
            schema_editor.execute(_sqlite(table), params=None)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(
                f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}", params=None
            )
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_append_only()", params=None)
        elif vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only", params=None)


class Migration(migrations.Migration):
    dependencies = [("fieldwork", "0004_guards")]

    operations = [migrations.RunPython(create, drop)]
