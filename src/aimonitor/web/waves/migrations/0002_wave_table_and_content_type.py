# The waves table takes this app's name (fieldwork_wave -> waves_wave, rows and foreign keys
# kept), and the content type follows, so admin permissions and log entries stay attached.

from django.db import migrations


def _move_content_type(apps, schema_editor, old_app: str, new_app: str) -> None:
    content_types = apps.get_model('contenttypes', 'ContentType').objects.using(
        schema_editor.connection.alias
    )
    if not content_types.filter(app_label=new_app, model='wave').exists():
        content_types.filter(app_label=old_app, model='wave').update(app_label=new_app)


def forwards(apps, schema_editor) -> None:
    _move_content_type(apps, schema_editor, 'fieldwork', 'waves')


def backwards(apps, schema_editor) -> None:
    _move_content_type(apps, schema_editor, 'waves', 'fieldwork')


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('fieldwork', '0002_wave_moves_to_waves'),
        ('waves', '0001_initial'),
    ]

    operations = [
        migrations.AlterModelTable(name='wave', table=None),
        migrations.RunPython(forwards, backwards),
    ]
