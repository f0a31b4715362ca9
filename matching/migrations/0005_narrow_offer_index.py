"""The database search index becomes a narrow ranking table plus a document table.

The index holds derived data only: after migrating, `manage.py matching_index rebuild` refills it.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("matching", "0004_offer_index")]

    operations = [
        migrations.DeleteModel(name="OfferIndexEntry"),
        migrations.CreateModel(
            name="OfferIndexEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("latitude", models.FloatField(blank=True, null=True, verbose_name="latitude")),
                ("longitude", models.FloatField(blank=True, null=True, verbose_name="longitude")),
                ("seats_left", models.IntegerField(blank=True, null=True, verbose_name="seats left")),
                ("valid_from", models.DateField(blank=True, null=True, verbose_name="valid from")),
                ("valid_until", models.DateField(blank=True, null=True, verbose_name="valid until")),
                ("min_age", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="minimum age")),
                ("max_age", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="maximum age")),
                ("gender_mask", models.PositiveSmallIntegerField(default=0, verbose_name="genders")),
                ("correction_mask", models.PositiveSmallIntegerField(default=0, verbose_name="correction types")),
                ("level_mask", models.PositiveSmallIntegerField(default=0, verbose_name="supervision levels")),
                ("accepts_adults", models.BooleanField(default=True, verbose_name="accepts adults")),
                ("accepts_juveniles", models.BooleanField(default=False, verbose_name="accepts juveniles")),
                ("funded_by_contract", models.BooleanField(default=False, verbose_name="funded by contract")),
                ("kind", models.CharField(db_index=True, max_length=32, verbose_name="kind")),
                ("category_tags", models.CharField(blank=True, max_length=1000, verbose_name="categories")),
                ("service_area", models.CharField(blank=True, max_length=2000, verbose_name="service area")),
                ("key", models.CharField(max_length=64, unique=True, verbose_name="offer")),
            ],
            options={
                "verbose_name": "offer index entry",
                "verbose_name_plural": "offer index entries",
                "indexes": [models.Index(fields=["latitude", "longitude"], name="offer_index_location")],
            },
        ),
        migrations.CreateModel(
            name="OfferIndexDocument",
            fields=[
                ("entry", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name="document", serialize=False, to="matching.offerindexentry", verbose_name="offer index entry")),
                ("document", models.JSONField(verbose_name="document")),
                ("search_tokens", models.TextField(blank=True, verbose_name="search terms")),
                ("fingerprint", models.CharField(max_length=40, verbose_name="fingerprint")),
                ("indexed_at", models.DateTimeField(auto_now=True, verbose_name="indexed at")),
            ],
            options={
                "verbose_name": "indexed offer document",
                "verbose_name_plural": "indexed offer documents",
            },
        ),
    ]
