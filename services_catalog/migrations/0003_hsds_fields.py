# HSDS interoperability: what imports keep as they are, and fields users fill.

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("services_catalog", "0002_offer_organization"),
    ]

    operations = [
        migrations.AddField(
            model_name="serviceofferpage",
            name="hsds_extra",
            field=models.JSONField(
                blank=True,
                default=dict,
                editable=False,
                help_text="What an HSDS import carried that the offer has no field for, kept as it was.",
                verbose_name="other HSDS data",
            ),
        ),
        migrations.AddField(
            model_name="serviceofferpage",
            name="fee_currency",
            field=models.CharField(
                default="CNY",
                help_text="ISO 4217 code; CNY (yuan) unless imported with another currency.",
                max_length=3,
                validators=[
                    django.core.validators.RegexValidator(
                        "^[A-Za-z]{3}$", "Give a three-letter ISO 4217 code."
                    )
                ],
                verbose_name="fee currency",
            ),
        ),
        migrations.AddField(
            model_name="serviceofferpage",
            name="website",
            field=models.URLField(
                blank=True,
                help_text="Leave empty when the service has no page of its own elsewhere.",
                verbose_name="web page of the service",
            ),
        ),
        migrations.AddField(
            model_name="offerlocation",
            name="country",
            field=models.CharField(
                default="CN",
                max_length=2,
                validators=[
                    django.core.validators.RegexValidator(
                        "^[A-Z]{2}$", "Give a two-letter ISO 3166 country code."
                    )
                ],
                verbose_name="country",
            ),
        ),
        migrations.AddField(
            model_name="offerlocation",
            name="phone",
            field=models.CharField(blank=True, max_length=32, verbose_name="phone at this place"),
        ),
        migrations.AddField(
            model_name="offerlocation",
            name="hsds_extra",
            field=models.JSONField(
                blank=True,
                default=dict,
                editable=False,
                help_text="What an HSDS import carried that the location has no field for.",
                verbose_name="other HSDS data",
            ),
        ),
    ]
