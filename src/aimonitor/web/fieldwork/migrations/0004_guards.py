"""The database refuses what the fieldwork models refuse (ADR 0008): a published wave's
responses and answers neither change nor grow; a submitted response keeps its wave,
municipality, synthetic flag and submission time, and its answers, until it is reopened. On
PostgreSQL deletions are refused too (except synthetic waves' rows while ``aimonitor
demo-data`` replaces them); SQLite gets the insert and update triggers only (see
``waves/migrations/0004_guards.py``)."""

from django.db import migrations

POSTGRESQL = """
CREATE FUNCTION fieldwork_response_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    replacing boolean := COALESCE(current_setting('aimonitor.replacing_synthetic_waves', true), '') = 'on';
    old_published boolean := false;
    old_synthetic boolean := false;
    new_published boolean := false;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        SELECT w.status = 'published', w.is_synthetic INTO old_published, old_synthetic
            FROM waves_wave w WHERE w.id = OLD.wave_id;
    END IF;
    IF TG_OP = 'DELETE' THEN
        IF (old_published OR OLD.status = 'submitted') AND NOT (replacing AND old_synthetic) THEN
            RAISE EXCEPTION 'a submitted response, or one of a published wave, cannot be deleted'
                USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN OLD;
    END IF;
    SELECT w.status = 'published' INTO new_published FROM waves_wave w WHERE w.id = NEW.wave_id;
    IF new_published OR (TG_OP = 'UPDATE' AND old_published) THEN
        RAISE EXCEPTION 'the responses of a published wave cannot change'
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.status = 'submitted' AND (
        NEW.wave_id <> OLD.wave_id OR NEW.municipality_id <> OLD.municipality_id
        OR NEW.is_synthetic <> OLD.is_synthetic
        OR (NEW.status = 'submitted' AND NEW.submitted_at IS DISTINCT FROM OLD.submitted_at)
    ) THEN
        RAISE EXCEPTION 'a submitted response keeps its wave, municipality, flag and time'
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER fieldwork_response_guard BEFORE INSERT OR UPDATE OR DELETE
    ON fieldwork_municipalresponse FOR EACH ROW EXECUTE FUNCTION fieldwork_response_guard();

CREATE FUNCTION fieldwork_answer_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    replacing boolean := COALESCE(current_setting('aimonitor.replacing_synthetic_waves', true), '') = 'on';
    old_fixed boolean := false;
    old_synthetic boolean := false;
    new_fixed boolean := false;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        SELECT r.status = 'submitted' OR w.status = 'published', w.is_synthetic
            INTO old_fixed, old_synthetic
            FROM fieldwork_municipalresponse r JOIN waves_wave w ON w.id = r.wave_id
            WHERE r.id = OLD.response_id;
    END IF;
    IF TG_OP = 'DELETE' THEN
        IF old_fixed AND NOT (replacing AND old_synthetic) THEN
            RAISE EXCEPTION 'the answers of a submitted response or a published wave cannot be deleted'
                USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN OLD;
    END IF;
    SELECT r.status = 'submitted' OR w.status = 'published' INTO new_fixed
        FROM fieldwork_municipalresponse r JOIN waves_wave w ON w.id = r.wave_id
        WHERE r.id = NEW.response_id;
    IF new_fixed OR (TG_OP = 'UPDATE' AND old_fixed) THEN
        RAISE EXCEPTION 'the answers of a submitted response or a published wave cannot change'
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER fieldwork_answer_guard BEFORE INSERT OR UPDATE OR DELETE
    ON fieldwork_answer FOR EACH ROW EXECUTE FUNCTION fieldwork_answer_guard();
"""
POSTGRESQL_REVERSE = """
DROP TRIGGER IF EXISTS fieldwork_answer_guard ON fieldwork_answer;
DROP FUNCTION IF EXISTS fieldwork_answer_guard();
DROP TRIGGER IF EXISTS fieldwork_response_guard ON fieldwork_municipalresponse;
DROP FUNCTION IF EXISTS fieldwork_response_guard();
"""

PUBLISHED = "(SELECT status FROM waves_wave WHERE id = {wave}) = 'published'"
FIXED_RESPONSE = (
    "EXISTS (SELECT 1 FROM fieldwork_municipalresponse r JOIN waves_wave w ON w.id = r.wave_id"
    " WHERE r.id = {response} AND (r.status = 'submitted' OR w.status = 'published'))"
)
SQLITE = [
    f"""CREATE TRIGGER fieldwork_response_insert_guard BEFORE INSERT ON fieldwork_municipalresponse
    WHEN {PUBLISHED.format(wave="NEW.wave_id")}
    BEGIN SELECT RAISE(ABORT, 'a published wave takes no new responses'); END""",
    f"""CREATE TRIGGER fieldwork_response_update_guard BEFORE UPDATE ON fieldwork_municipalresponse
    WHEN {PUBLISHED.format(wave="OLD.wave_id")} OR {PUBLISHED.format(wave="NEW.wave_id")}
    BEGIN SELECT RAISE(ABORT, 'the responses of a published wave cannot change'); END""",
    """CREATE TRIGGER fieldwork_submitted_response_guard BEFORE UPDATE ON fieldwork_municipalresponse
    WHEN OLD.status = 'submitted' AND (
        NEW.wave_id IS NOT OLD.wave_id OR NEW.municipality_id IS NOT OLD.municipality_id
        OR NEW.is_synthetic IS NOT OLD.is_synthetic
        OR (NEW.status = 'submitted' AND NEW.submitted_at IS NOT OLD.submitted_at))
    BEGIN SELECT RAISE(ABORT, 'a submitted response keeps its wave, municipality, flag and time'); END""",
    f"""CREATE TRIGGER fieldwork_answer_insert_guard BEFORE INSERT ON fieldwork_answer
    WHEN {FIXED_RESPONSE.format(response="NEW.response_id")}
    BEGIN SELECT RAISE(ABORT, 'the answers of a submitted response or a published wave cannot change'); END""",
    f"""CREATE TRIGGER fieldwork_answer_update_guard BEFORE UPDATE ON fieldwork_answer
    WHEN {FIXED_RESPONSE.format(response="OLD.response_id")}
        OR {FIXED_RESPONSE.format(response="NEW.response_id")}
    BEGIN SELECT RAISE(ABORT, 'the answers of a submitted response or a published wave cannot change'); END""",
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS {name}"
    for name in (
        "fieldwork_response_insert_guard",
        "fieldwork_response_update_guard",
        "fieldwork_submitted_response_guard",
        "fieldwork_answer_insert_guard",
        "fieldwork_answer_update_guard",
    )
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
    dependencies = [("fieldwork", "0003_history"), ("waves", "0004_guards")]

    operations = [migrations.RunPython(create, drop)]
