from django.conf import settings
import django.db.models.deletion
from django.db import migrations, models


def failure_message_to_error(apps, schema_editor):
    """A failed import kept its sentence in `message`; jobs keep it in `error`."""
    ImportJob = apps.get_model("organisations", "ImportJob")
    for job in ImportJob.objects.filter(status="failed").exclude(message=""):
        job.error = {"en": job.message, job.language: job.message}
        job.message = ""
        job.save(update_fields=["error", "message"])


def error_to_failure_message(apps, schema_editor):
    ImportJob = apps.get_model("organisations", "ImportJob")
    for job in ImportJob.objects.filter(status="failed").exclude(error={}):
        job.message = (job.error.get(job.language) or job.error.get("en", ""))[:300]
        job.save(update_fields=["message"])


class Migration(migrations.Migration):
    """An import becomes a job (kizuna.common.jobs): its fields take the job's
    names, and it gains what it lacked (stage, start time, cancel request, error)."""

    dependencies = [
        ("organisations", "0004_import_job"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField("importjob", "created_by", "requested_by"),
        migrations.RenameField("importjob", "errors", "problems"),
        migrations.AddField(
            model_name='importjob',
            name='cancel_requested',
            field=models.BooleanField(default=False, verbose_name='cancel requested'),
        ),
        migrations.AddField(
            model_name='importjob',
            name='error',
            field=models.JSONField(blank=True, default=dict, verbose_name='error'),
        ),
        migrations.AddField(
            model_name='importjob',
            name='stage',
            field=models.CharField(blank=True, max_length=20, verbose_name='stage'),
        ),
        migrations.AddField(
            model_name='importjob',
            name='started',
            field=models.DateTimeField(blank=True, null=True, verbose_name='started'),
        ),
        migrations.AlterField(
            model_name='importjob',
            name='finished',
            field=models.DateTimeField(blank=True, null=True, verbose_name='finished'),
        ),
        migrations.AlterField(
            model_name='importjob',
            name='problems',
            field=models.JSONField(blank=True, default=list, verbose_name='problems'),
        ),
        migrations.AlterField(
            model_name='importjob',
            name='requested_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='requested by'),
        ),
        migrations.AlterField(
            model_name='importjob',
            name='status',
            field=models.CharField(choices=[('queued', 'Waiting to start'), ('running', 'Running'), ('done', 'Finished'), ('failed', 'Failed'), ('cancelled', 'Cancelled')], default='queued', max_length=12, verbose_name='status'),
        ),
        migrations.RunPython(failure_message_to_error, error_to_failure_message),
    ]
