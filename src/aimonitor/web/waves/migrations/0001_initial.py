# The Wave model moved here from the fieldwork app. Its table (then fieldwork_wave) already
# exists, with its rows: this migration only tells Django's state that the model is ours now.
# 0002 renames the table to this app's name.

from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('fieldwork', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Wave',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(unique=True, verbose_name='year')),
                        ('status', models.CharField(choices=[('draft', 'in preparation'), ('open', 'open for responses'), ('closed', 'closed'), ('published', 'published')], default='draft', max_length=12, verbose_name='status')),
                        ('opens_on', models.DateField(blank=True, null=True, verbose_name='opens on')),
                        ('closes_on', models.DateField(blank=True, null=True, verbose_name='closes on')),
                        ('frame_year', models.PositiveSmallIntegerField(verbose_name='frame year')),
                        ('questionnaire_id', models.CharField(max_length=80, verbose_name='questionnaire')),
                        ('questionnaire_version', models.CharField(max_length=40, verbose_name='questionnaire version')),
                        ('questionnaire', models.JSONField(verbose_name='frozen questionnaire')),
                        ('is_synthetic', models.BooleanField(default=False, help_text='Synthetic demonstration data; every output that shows it says so.', verbose_name='synthetic')),
                    ],
                    options={
                        'ordering': ['year'],
                        'db_table': 'fieldwork_wave',
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
