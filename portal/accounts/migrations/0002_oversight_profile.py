import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("organizations", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="OversightProfile",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("procuratorate", "Procuratorate"),
                            ("peoples_congress", "People's congress"),
                            ("court", "People's court (committee member unit)"),
                            ("public_security", "Public security (committee member unit)"),
                            ("civil_affairs", "Civil affairs (committee member unit)"),
                            (
                                "human_resources",
                                "Human resources and social security (committee member unit)",
                            ),
                            ("finance", "Finance (committee member unit)"),
                            ("education", "Education (committee member unit)"),
                        ],
                        max_length=32,
                        verbose_name="body",
                    ),
                ),
                (
                    "jurisdiction",
                    models.ForeignKey(
                        limit_choices_to={"level__in": ["province", "city", "county", "zone"]},
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="organizations.jurisdiction",
                        verbose_name="jurisdiction",
                    ),
                ),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="oversight_profile",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            options={
                "verbose_name": "oversight profile",
                "verbose_name_plural": "oversight profiles",
            },
        ),
    ]
