"""Answers count their saves (``revision``), so a save from an older revision is a conflict.

Added with a plain ``ALTER TABLE ... ADD COLUMN`` on both databases: Django's SQLite schema
editor would rebuild the tables, which drops the guard triggers of migrations 0004 and 0005.
"""

from django.db import migrations, models

TABLES = ("fieldwork_answer", "fieldwork_historicalanswer")
ADD = 'ALTER TABLE {table} ADD COLUMN "revision" integer NOT NULL DEFAULT 1 CHECK ("revision" >= 0)'
DROP = 'ALTER TABLE {table} DROP COLUMN "revision"'


def _field() -> "models.PositiveIntegerField[int, int]":
    return models.PositiveIntegerField(
        default=1,
        help_text="Counts the saves: a save that started from an older revision is a conflict.",
        verbose_name="revision",
    )


class Migration(migrations.Migration):
    dependencies = [("fieldwork", "0006_verbose_names")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(ADD.format(table=t), DROP.format(table=t)) for t in TABLES
            ],
            state_operations=[
                migrations.AddField(model_name="answer", name="revision", field=_field()),
                migrations.AddField(model_name="historicalanswer", name="revision", field=_field()),
            ],
        )
    ]
