"""Each tag row holds its offer's search terms hashed to 128 bits, in the tag index too, so
that far candidates lacking a keyword's terms are dropped without being read
(`matching.backends.database.term_masks`). Rows already indexed get every bit (they may hold
any term) until the offer is indexed again: `manage.py matching_index rebuild` fills them all."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0013_offer_index_tag_covering"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="offerindextag", name="offer_index_tag_location"),
        migrations.AddField(
            model_name="offerindextag",
            name="terms_low",
            field=models.BigIntegerField(default=-1, verbose_name="search terms (bits 0-63)"),
        ),
        migrations.AddField(
            model_name="offerindextag",
            name="terms_high",
            field=models.BigIntegerField(default=-1, verbose_name="search terms (bits 64-127)"),
        ),
        migrations.AddIndex(
            model_name="offerindextag",
            index=models.Index(
                fields=["tag", "latitude", "longitude"],
                include=("entry", "terms_low", "terms_high"),
                name="offer_index_tag_location",
            ),
        ),
    ]
