
from django.conf import settings
from django.db import migrations, models


def renumber_duplicate_orders(apps, schema_editor):
    """Milestones added twice at once may share an order number: give each plan's
    milestones the numbers 1, 2, 3 … in their current order before the constraint."""
    Milestone = apps.get_model("mentoring", "Milestone")
    duplicated = (
        Milestone.objects.values("plan_id", "order").annotate(n=models.Count("pk")).filter(n__gt=1)
        .values_list("plan_id", flat=True).distinct()
    )
    for plan_id in list(duplicated):
        rows = list(Milestone.objects.filter(plan_id=plan_id).order_by("order", "due", "pk"))
        for number, milestone in enumerate(rows, start=1):
            milestone.order = number
        Milestone.objects.bulk_update(rows, ["order"])


class Migration(migrations.Migration):

    dependencies = [
        ('mentoring', '0002_run_is_a_job'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='milestone',
            name='submission_key',
            field=models.UUIDField(blank=True, editable=False, null=True, unique=True),
        ),
        migrations.AddField(
            model_name='planupdate',
            name='submission_key',
            field=models.UUIDField(blank=True, editable=False, null=True, unique=True),
        ),
        migrations.AlterField(
            model_name='planupdate',
            name='attachment_name',
            field=models.CharField(blank=True, max_length=200, verbose_name="attachment's file name"),
        ),
        migrations.RunPython(renumber_duplicate_orders, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='milestone',
            constraint=models.UniqueConstraint(fields=('plan', 'order'), name='one_milestone_per_order'),
        ),
    ]
