"""The database refuses what the Wave model refuses (ADR 0008): a published wave changes no
more; a wave that left the draft status keeps its year, frame, questionnaire and synthetic
flag and never returns to draft. On PostgreSQL it also refuses to delete a wave that is not a
draft, except synthetic waves while ``aimonitor demo-data`` replaces them (the transaction's
setting ``aimonitor.replacing_synthetic_waves``). SQLite gets the update triggers only: its
``flush`` (used by the test runner) deletes with DELETE, so deletions are guarded by the models
there."""

from django.db import migrations

FROZEN_CHANGED = " OR ".join(
    f"NEW.{column} IS DISTINCT FROM OLD.{column}"
    for column in (
        "year",
        "frame_year",
        "frame_sha256",
        "questionnaire_id",
        "questionnaire_version",
        "questionnaire",
        "is_synthetic",
    )
)
ANY_CHANGED = FROZEN_CHANGED + (
    " OR NEW.status IS DISTINCT FROM OLD.status OR NEW.opens_on IS DISTINCT FROM OLD.opens_on"
    " OR NEW.closes_on IS DISTINCT FROM OLD.closes_on"
)

POSTGRESQL = f"""
CREATE FUNCTION waves_wave_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status <> 'draft' AND NOT (
            OLD.is_synthetic
            AND COALESCE(current_setting('aimonitor.replacing_synthetic_waves', true), '') = 'on'
        ) THEN
            RAISE EXCEPTION 'wave % is %: only a draft can be deleted', OLD.year, OLD.status
                USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status = 'published' AND ({ANY_CHANGED}) THEN
        RAISE EXCEPTION 'wave % is published and cannot change', OLD.year
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF OLD.status <> 'draft' AND (NEW.status = 'draft' OR {FROZEN_CHANGED}) THEN
        RAISE EXCEPTION 'wave %: year, frame, questionnaire and synthetic flag are frozen since it opened, and it never returns to draft', OLD.year
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER waves_wave_guard BEFORE UPDATE OR DELETE ON waves_wave
    FOR EACH ROW EXECUTE FUNCTION waves_wave_guard();
"""
POSTGRESQL_REVERSE = """
DROP TRIGGER IF EXISTS waves_wave_guard ON waves_wave;
DROP FUNCTION IF EXISTS waves_wave_guard();
"""

SQLITE_CHANGED = lambda sql: sql.replace("IS DISTINCT FROM", "IS NOT")  # noqa: E731
SQLITE = [
    f"""CREATE TRIGGER waves_wave_published_is_final BEFORE UPDATE ON waves_wave
    WHEN OLD.status = 'published' AND ({SQLITE_CHANGED(ANY_CHANGED)})
    BEGIN SELECT RAISE(ABORT, 'a published wave cannot change'); END""",
    f"""CREATE TRIGGER waves_wave_frozen_once_open BEFORE UPDATE ON waves_wave
    WHEN OLD.status <> 'draft' AND (NEW.status = 'draft' OR {SQLITE_CHANGED(FROZEN_CHANGED)})
    BEGIN SELECT RAISE(ABORT, 'year, frame, questionnaire and synthetic flag of a wave are frozen since it opened, and it never returns to draft'); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS waves_wave_published_is_final",
    "DROP TRIGGER IF EXISTS waves_wave_frozen_once_open",
]


def create(apps, schema_editor):
    _run(schema_editor, POSTGRESQL, SQLITE)


def drop(apps, schema_editor):
    _run(schema_editor, POSTGRESQL_REVERSE, SQLITE_REVERSE)


def _run(schema_editor, postgresql, sqlite):
    vendor = schema_editor.connection.vendor
    statements = [postgresql] if vendor == "postgresql" else sqlite if vendor == "sqlite" else []
    for statement in statements:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("waves", "0003_history_and_frame")]

    operations = [migrations.RunPython(create, drop)]
