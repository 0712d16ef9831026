# Wave moved to the waves app (waves 0001): responses now point at waves.Wave. The table and
# its foreign key stay as they are, so this changes Django's state only.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('fieldwork', '0001_initial'),
        ('waves', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='municipalresponse',
                    name='wave',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='responses', to='waves.wave'),
                ),
                migrations.DeleteModel(name='Wave'),
            ],
            database_operations=[],
        ),
    ]
