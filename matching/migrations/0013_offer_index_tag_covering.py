"""The tag index holds the entry too (PostgreSQL: INCLUDE), so that the far candidates of the
narrowed ranking are read from the index alone (`matching.backends.database.candidate_sql`);
SQLite keeps the same index without it."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0012_offer_index_entry_terms"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="offerindextag", name="offer_index_tag_location"),
        migrations.AddIndex(
            model_name="offerindextag",
            index=models.Index(
                fields=["tag", "latitude", "longitude"],
                include=("entry",),
                name="offer_index_tag_location",
            ),
        ),
    ]
