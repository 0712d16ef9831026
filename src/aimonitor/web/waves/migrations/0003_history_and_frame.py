"""The waves' history (django-simple-history) and the fingerprint of the frame a wave was
opened with (ADR 0008). Waves that are no longer drafts get the fingerprint of today's frame
files: those are the files they were estimated with until now."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


def record_frames(apps, schema_editor):
    from aimonitor.frame import load_frame

    Wave = apps.get_model("waves", "Wave")
    for wave in Wave.objects.exclude(status="draft").filter(frame_sha256=""):
        wave.frame_sha256 = load_frame(wave.frame_year).sha256
        wave.save(update_fields=["frame_sha256"])


class Migration(migrations.Migration):

    dependencies = [
        ('waves', '0002_wave_table_and_content_type'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalWave',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(db_index=True, verbose_name='year')),
                ('status', models.CharField(choices=[('draft', 'in preparation'), ('open', 'open for responses'), ('closed', 'closed'), ('published', 'published')], default='draft', max_length=12, verbose_name='status')),
                ('opens_on', models.DateField(blank=True, null=True, verbose_name='opens on')),
                ('closes_on', models.DateField(blank=True, null=True, verbose_name='closes on')),
                ('frame_year', models.PositiveSmallIntegerField(verbose_name='frame year')),
                ('frame_sha256', models.CharField(blank=True, editable=False, help_text='Recorded when the wave opens; estimation refuses a changed frame.', max_length=64, verbose_name='frame fingerprint')),
                ('questionnaire_id', models.CharField(max_length=80, verbose_name='questionnaire')),
                ('questionnaire_version', models.CharField(max_length=40, verbose_name='questionnaire version')),
                ('questionnaire', models.JSONField(verbose_name='frozen questionnaire')),
                ('is_synthetic', models.BooleanField(default=False, help_text='Synthetic demonstration data; every output that shows it says so.', verbose_name='synthetic')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical wave',
                'verbose_name_plural': 'historical waves',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name='wave',
            name='frame_sha256',
            field=models.CharField(blank=True, editable=False, help_text='Recorded when the wave opens; estimation refuses a changed frame.', max_length=64, verbose_name='frame fingerprint'),
        ),
        migrations.RunPython(record_frames, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='wave',
            constraint=models.CheckConstraint(condition=models.Q(('status', 'draft'), models.Q(('frame_sha256', ''), _negated=True), _connector='OR'), name='a_fielded_wave_records_its_frame'),
        ),
        migrations.AddField(
            model_name='historicalwave',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
    ]
