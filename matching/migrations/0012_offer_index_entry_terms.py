"""The offers' search terms move from the wide documents to the ranking rows, so that a keyword
is matched without reading each offer's document (and, on PostgreSQL, the nearest offers that
contain it are read in distance order like any other first pass)."""

from django.db import migrations, models


def _tables(apps, schema_editor) -> list[str]:
    """The entries' and the documents' tables, quoted."""
    return [
        schema_editor.quote_name(apps.get_model("matching", name)._meta.db_table)
        for name in ("OfferIndexEntry", "OfferIndexDocument")
    ]


def copy_terms(apps, schema_editor):
    entries, documents = _tables(apps, schema_editor)
    schema_editor.execute(
        f"UPDATE {entries} SET search_tokens = COALESCE((SELECT search_tokens FROM {documents}"
        f" WHERE {documents}.entry_id = {entries}.id), '')"
    )


def copy_terms_back(apps, schema_editor):
    entries, documents = _tables(apps, schema_editor)
    schema_editor.execute(
        f"UPDATE {documents} SET search_tokens = (SELECT search_tokens FROM {entries}"
        f" WHERE {entries}.id = {documents}.entry_id)"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0011_offer_index_point"),
    ]

    operations = [
        migrations.AddField(
            model_name="offerindexentry",
            name="search_tokens",
            field=models.TextField(blank=True, default="", verbose_name="search terms"),
        ),
        migrations.RunPython(copy_terms, copy_terms_back),
        migrations.RemoveField(
            model_name="offerindexdocument",
            name="search_tokens",
        ),
    ]
