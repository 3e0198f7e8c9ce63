"""A pair of one organisation with itself cannot be stored (#9): rows that the
earlier engine produced so (proposals, decisions on them, and published pairs with
their notices and plans) are removed before the constraints are added. A mentor of
CLMV companies may be opened to every SME of a round (open_to_all), and a published
pair can be withdrawn (its notice kind)."""

from django.conf import settings
from django.db import migrations, models


def self_pairs_remove(apps, schema_editor):
    for name in ("Proposal", "PairDecision", "Pairing"):
        model = apps.get_model("mentoring", name)
        model.objects.filter(mentor=models.F("mentee")).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('mentoring', '0006_quality_c_evidence'),
        ('organisations', '0005_import_job_is_a_job'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='roundparticipant',
            name='open_to_all',
            field=models.BooleanField(default=False, verbose_name='may mentor any SME'),
        ),
        migrations.AlterField(
            model_name='notification',
            name='kind',
            field=models.CharField(choices=[('pair_published', 'New pair proposed'), ('pair_accepted', 'Pair accepted by both sides'), ('pair_declined', 'Pair declined'), ('pair_withdrawn', 'Proposed pair withdrawn')], max_length=30, verbose_name='kind'),
        ),
        migrations.RunPython(self_pairs_remove, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='pairdecision',
            constraint=models.CheckConstraint(condition=models.Q(('mentor', models.F('mentee')), _negated=True), name='pair_decision_not_self'),
        ),
        migrations.AddConstraint(
            model_name='pairing',
            constraint=models.CheckConstraint(condition=models.Q(('mentor', models.F('mentee')), _negated=True), name='pairing_not_self'),
        ),
        migrations.AddConstraint(
            model_name='proposal',
            constraint=models.CheckConstraint(condition=models.Q(('mentor', models.F('mentee')), _negated=True), name='proposal_not_self'),
        ),
    ]
