"""The rebuild on PostgreSQL: rows copied into new tables, indexed in bulk and swapped in."""

import dataclasses
import hashlib
import json
from datetime import date

import pytest
from psycopg._copy_base import TextFormatter
from psycopg.adapt import Transformer

from django.db import connection

from matching.backends.base import document_data, fingerprint
from matching.backends.database import (
    CopyBatch,
    DatabaseBackend,
    ShadowLoader,
    _entry_row,
    copy_batch,
    copy_text,
    fingerprinted_json,
    tag_rows,
)
from matching.indexing import Enricher
from matching.models import OfferIndexDocument, OfferIndexEntry, OfferIndexTag
from matching.ranking import search_tokens
from matching.types import OfferDocument
from tests.factories.matching import OfferDocumentFactory

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="the swap is PostgreSQL's rebuild"
)
TRICKY = [
    'tab\there, new\nline, return\r, back\\slash \\N and "quotes"',
    "心理咨询\u3000全角　空格 emoji🙂 ñandú",
    "",
]


@pytest.fixture
def backend(settings):
    settings.MATCHING_BACKEND = "matching.backends.database.DatabaseBackend"
    settings.MATCHING_INDEX_PROCESSES = 1
    return DatabaseBackend()


def indexed(*documents):
    enrich = Enricher()
    return [enrich(document) for document in documents]


def tricky_documents():
    return [
        OfferDocumentFactory.build(title=text, text=text, schedule=text, provider_name=text)
        for text in TRICKY
    ] + [
        OfferDocumentFactory.build(
            latitude=None,
            longitude=None,
            categories=("a", "b", "c"),
            funded_by_contract=True,
            valid_from=date(2026, 1, 2),
            min_age=18,
            seats_left=0,
        )
    ]


def psycopg_text(rows) -> bytes:
    """Rows as psycopg's own COPY writes them."""
    formatter = TextFormatter(Transformer())
    return b"".join(formatter.write_row(row) for row in rows) + formatter.end()


def test_copy_text_is_what_psycopg_writes_for_the_same_rows():
    rows = [
        [1, None, True, False, 0.1, -113.6123456789, 1e-7, 34, date(2026, 12, 1), text]
        for text in TRICKY
    ]

    assert copy_text(rows) == psycopg_text(rows)


def test_copy_batch_is_what_psycopg_writes_for_the_rows_of_the_documents():
    documents = tricky_documents()
    entries, rows, tags = [], [], []
    for entry_id, document in enumerate(documents, 7):
        terms = search_tokens(document)
        entries.append(_entry_row(entry_id, vars(document), terms))
        data = json.dumps(document_data(document), sort_keys=True)
        rows.append([entry_id, data, fingerprint(document), "now"])
        tags.extend(tag_rows(entry_id, document, terms))

    batch = copy_batch(7, [vars(document) for document in documents], "now")

    assert batch == CopyBatch(psycopg_text(entries), psycopg_text(rows), psycopg_text(tags))


def test_documents_cross_to_the_rebuilds_workers_as_plain_dicts_of_their_fields():
    documents = [item.document for item in indexed(*tricky_documents())]

    first, batch, indexed_at = ShadowLoader().arguments(indexed(*documents))

    assert first == 1
    assert [type(fields) for fields in batch] == [dict] * len(documents)
    assert [OfferDocument(**fields) for fields in batch] == documents
    assert copy_batch(first, batch, indexed_at) == copy_batch(
        first, [dataclasses.asdict(document) for document in documents], indexed_at
    )


def test_the_rebuilds_json_is_the_document_and_its_digest_the_fingerprint():
    for document in tricky_documents():
        text, digest = fingerprinted_json(document_data(document))

        assert json.loads(text) == json.loads(json.dumps(document_data(document)))
        assert digest == fingerprint(document)


def test_a_fingerprint_is_the_digest_of_every_field_as_it_was():
    document = OfferDocumentFactory.build(valid_from=date(2026, 1, 2), categories=("a", "b"))
    fields = json.dumps(dataclasses.asdict(document), sort_keys=True, default=str)

    assert fingerprint(document) == hashlib.sha1(fields.encode()).hexdigest()  # noqa: S324


def _rows() -> dict[str, tuple]:
    """Every indexed offer's entry, document and tags, without ids and times."""
    entries = {entry["id"]: entry for entry in OfferIndexEntry.objects.values()}
    tags: dict[int, list] = {}
    for entry_id, tag, latitude, longitude in OfferIndexTag.objects.values_list(
        "entry_id", "tag", "latitude", "longitude"
    ):
        tags.setdefault(entry_id, []).append((tag, latitude, longitude))
    rows = {}
    for document in OfferIndexDocument.objects.values("entry_id", "document", "fingerprint"):
        entry = dict(entries[document["entry_id"]])
        entry_id = entry.pop("id")
        rows[entry["key"]] = (
            entry,
            document["document"],
            document["fingerprint"],
            sorted(tags.get(entry_id, [])),
        )
    return rows


def test_a_rebuild_indexes_what_upserting_the_same_offers_does(backend):
    documents = indexed(*tricky_documents())
    backend.upsert(documents)
    upserted = _rows()

    assert backend.rebuild(documents, None) == len(documents)

    assert _rows() == upserted


def _schema() -> list[tuple]:
    """The index tables' indexes, constraints and id sequences, as migrations left them."""
    tables = [
        model._meta.db_table for model in (OfferIndexEntry, OfferIndexDocument, OfferIndexTag)
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)"
            " UNION ALL SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)"
            " || condeferrable::text || condeferred::text"
            " FROM pg_constraint WHERE conrelid = ANY(%s::regclass[])"
            " UNION ALL SELECT table_name, column_name, identity_generation || is_nullable"
            " FROM information_schema.columns WHERE table_name = ANY(%s) AND is_identity = 'YES'"
            " UNION ALL SELECT t, 'sequence', pg_get_serial_sequence(t, 'id')"
            " FROM unnest(%s::text[]) AS t WHERE t <> %s",
            [tables, tables, tables, tables, OfferIndexDocument._meta.db_table],
        )
        return sorted(cursor.fetchall())


@postgresql_only
def test_a_rebuild_leaves_the_tables_migrations_expect(backend):
    backend.upsert(indexed(OfferDocumentFactory.build()))
    before = _schema()

    backend.rebuild(indexed(*tricky_documents()), None)

    assert _schema() == before
    assert len(before) > 20


@postgresql_only
def test_after_a_rebuild_offers_are_added_and_removed_as_before(backend):
    backend.upsert(indexed(*OfferDocumentFactory.build_batch(3)))
    backend.rebuild(indexed(*OfferDocumentFactory.build_batch(4)), None)
    added = OfferDocumentFactory.build(categories=("a", "b"))

    backend.upsert(indexed(added))
    backend.remove([added.key])
    backend.upsert(indexed(added))

    assert OfferIndexEntry.objects.count() == 5
    assert OfferIndexEntry.objects.get(key=added.key).pk > 4
    assert OfferIndexTag.objects.filter(entry__key=added.key).count() == 3


@postgresql_only
def test_a_rebuild_after_writes_in_the_same_transaction_swaps_the_tables(backend):
    backend.upsert(indexed(*OfferDocumentFactory.build_batch(2)))  # deferred foreign key checks
    documents = indexed(*OfferDocumentFactory.build_batch(3))

    backend.rebuild(documents, None)

    assert set(OfferIndexDocument.objects.values_list("entry__key", flat=True)) == {
        item.key for item in documents
    }


@postgresql_only
def test_a_rebuilds_statistics_leave_out_the_documents_json_only(backend):
    backend.rebuild(indexed(*OfferDocumentFactory.build_batch(3)), None)

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename, attname FROM pg_stats WHERE tablename = ANY(%s)",
            [[model._meta.db_table for model in (OfferIndexEntry, OfferIndexDocument)]],
        )
        columns = set(cursor.fetchall())
    documents = OfferIndexDocument._meta.db_table
    assert (OfferIndexEntry._meta.db_table, "search_tokens") in columns
    assert (documents, "fingerprint") in columns
    assert (documents, "document") not in columns
    assert (OfferIndexEntry._meta.db_table, "key") in columns
