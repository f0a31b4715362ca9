from django.db import migrations, models

import portal.files


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0003_provider_sections"),
    ]

    operations = [
        migrations.AddField(
            model_name="organization",
            name="registration_certificate",
            field=models.FileField(
                blank=True,
                max_length=255,
                storage=portal.files.private_storage,
                upload_to=portal.files.PrivateUploadTo("organizations/certificates"),
                verbose_name="registration certificate",
            ),
        ),
        migrations.AddField(
            model_name="organization",
            name="certificate_name",
            field=models.CharField(
                blank=True, max_length=255, verbose_name="certificate file name"
            ),
        ),
        migrations.AddField(
            model_name="organization",
            name="certificate_content_type",
            field=models.CharField(blank=True, max_length=64, verbose_name="certificate file type"),
        ),
    ]
