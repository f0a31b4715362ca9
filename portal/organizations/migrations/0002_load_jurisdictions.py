from django.db import migrations

from portal.organizations.jurisdiction_data import load_jurisdictions


def load(apps, schema_editor):
    load_jurisdictions(apps.get_model("organizations", "Jurisdiction"))


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
