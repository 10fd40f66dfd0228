"""The nine unsur of PermenPAN-RB 14/2017 (mpp/surveys/national.py)."""

from django.db import migrations

from mpp.surveys import national


def create(apps, schema_editor):
    national.install(apps.get_model("surveys", "Unsur"))


def remove(apps, schema_editor):
    keys = [row[0] for row in national.NINE]
    apps.get_model("surveys", "Unsur").objects.filter(agency=None, key__in=keys).delete()


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
