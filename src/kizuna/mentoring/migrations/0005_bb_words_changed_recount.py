"""Recount each run's "pairs changed" as the comparison lists the changes (#9): a
mentor replaced by another for the same SME is one change, not one pair removed plus
one added (queries.runs.pair_changes; its rule is copied here, as migrations must
not follow later code)."""

from django.db import migrations


def _changes(before: set, after: set) -> int:
    gone, came = {}, {}
    for mentee, mentor in before - after:
        gone[mentee] = gone.get(mentee, 0) + 1
    for mentee, mentor in after - before:
        came[mentee] = came.get(mentee, 0) + 1
    return sum(max(gone.get(m, 0), came.get(m, 0)) for m in gone.keys() | came.keys())


def recount(apps, schema_editor):
    MatchingRun = apps.get_model("mentoring", "MatchingRun")
    Proposal = apps.get_model("mentoring", "Proposal")
    for run in MatchingRun.objects.filter(previous__isnull=False, changed__isnull=False).only("pk", "previous_id"):
        now = set(Proposal.objects.filter(run_id=run.pk).values_list("mentee_id", "mentor_id"))
        before = set(Proposal.objects.filter(run_id=run.previous_id).values_list("mentee_id", "mentor_id"))
        MatchingRun.objects.filter(pk=run.pk).update(changed=_changes(before, now))


class Migration(migrations.Migration):
    dependencies = [("mentoring", "0004_labelled_decisions_weight_fits")]

    operations = [migrations.RunPython(recount, migrations.RunPython.noop)]
