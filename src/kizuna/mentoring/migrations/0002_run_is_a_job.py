from django.conf import settings
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """A run becomes a job (kizuna.common.jobs): its fields take the job's names."""

    dependencies = [
        ("mentoring", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField("matchingrun", "started_at", "started"),
        migrations.RenameField("matchingrun", "finished_at", "finished"),
        migrations.RenameField("matchingrun", "created_by", "requested_by"),
        migrations.AddField(
            model_name='matchingrun',
            name='problems',
            field=models.JSONField(blank=True, default=list, verbose_name='problems'),
        ),
        migrations.AlterField(
            model_name='matchingrun',
            name='error',
            field=models.JSONField(blank=True, default=dict, verbose_name='error'),
        ),
        migrations.AlterField(
            model_name='matchingrun',
            name='finished',
            field=models.DateTimeField(blank=True, null=True, verbose_name='finished'),
        ),
        migrations.AlterField(
            model_name='matchingrun',
            name='requested_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='requested by'),
        ),
        migrations.AlterField(
            model_name='matchingrun',
            name='stage',
            field=models.CharField(choices=[('queued', 'Waiting for a worker'), ('profiles', 'Building profiles'), ('encoding', 'Encoding texts'), ('scoring', 'Scoring candidates'), ('solving', 'Solving'), ('explaining', 'Explaining'), ('saving', 'Saving'), ('done', 'Finished')], default='queued', max_length=20, verbose_name='stage'),
        ),
        migrations.AlterField(
            model_name='matchingrun',
            name='started',
            field=models.DateTimeField(blank=True, null=True, verbose_name='started'),
        ),
    ]
