"""PostgreSQL: GiST indexes for the narrowed ranking's first pass (the nearest offers, and the
nearest offers of one tag: see `matching.backends.database.nearest_sql`); nothing elsewhere."""

from django.db import migrations

INDEXES = {
    "offer_index_point": ("OfferIndexEntry", "point(longitude, latitude)"),
    "offer_index_tag_point": (
        "OfferIndexTag",
        "point(longitude + 360 * (hashtext(tag) & 4095), latitude)",
    ),
}


def create_point_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (model, expression) in INDEXES.items():
        table = schema_editor.quote_name(apps.get_model("matching", model)._meta.db_table)
        schema_editor.execute(f"CREATE INDEX {name} ON {table} USING gist (({expression}))")


def drop_point_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0010_referralevent_latest_index"),
    ]

    operations = [
        migrations.RunPython(create_point_indexes, drop_point_indexes),
    ]
