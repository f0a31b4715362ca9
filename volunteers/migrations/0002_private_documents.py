"""Screening documents move from the public media storage to the private one, renamed at random."""

from django.core.files.storage import storages
from django.db import migrations, models

import portal.files


def to_private(apps, schema_editor):
    """Copy each document to the private storage under a new random name, then drop the old one."""
    document_model = apps.get_model("volunteers", "ScreeningDocument")
    public, private = storages["default"], storages[portal.files.PRIVATE_STORAGE_ALIAS]
    for document in document_model.objects.exclude(file="").iterator():
        old_name = document.file.name
        if not public.exists(old_name):
            continue  # already private (a rerun), or lost before this migration
        with public.open(old_name, "rb") as handle:
            new_name = private.save(
                portal.files.random_name("volunteers/documents", old_name), handle
            )
        document_model.objects.filter(pk=document.pk).update(file=new_name)
        public.delete(old_name)


class Migration(migrations.Migration):
    dependencies = [
        ("volunteers", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="screeningdocument",
            name="file",
            field=models.FileField(
                max_length=255,
                storage=portal.files.private_storage,
                upload_to=portal.files.PrivateUploadTo("volunteers/documents"),
                verbose_name="file",
            ),
        ),
        migrations.RunPython(to_private, migrations.RunPython.noop),
    ]
