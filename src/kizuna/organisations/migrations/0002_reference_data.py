from django.db import migrations


def load(apps, schema_editor):
    from kizuna.organisations.reference import reference_load

    reference_load(apps)


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
