from django.core.management import call_command
from django.db import migrations, models


def cache_table_create(apps, schema_editor):
    """The database cache's table (settings.CACHES), when the cache is in the database."""
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="PeriodicRun",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("job", models.CharField(max_length=100, verbose_name="job")),
                ("period", models.DateField(verbose_name="period start")),
                ("claimed_at", models.DateTimeField(auto_now_add=True, verbose_name="claimed at")),
                ("claimed_by", models.CharField(max_length=200, verbose_name="claimed by")),
                ("task_id", models.CharField(blank=True, max_length=64, verbose_name="task id")),
            ],
            options={
                "ordering": ["-period", "job"],
                "constraints": [models.UniqueConstraint(fields=("job", "period"), name="periodic_run_once_per_period")],
            },
        ),
        migrations.CreateModel(
            name="TaskOrigin",
            fields=[
                ("task_id", models.CharField(max_length=64, primary_key=True, serialize=False, verbose_name="task id")),
                ("request_id", models.CharField(max_length=64, verbose_name="request id")),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="created")),
            ],
        ),
        migrations.RunPython(cache_table_create, migrations.RunPython.noop),
    ]
