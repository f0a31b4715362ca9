"""The database backend at scale: upserts under a lock, a capped count, parallel segmentation."""

import random
import threading
from dataclasses import replace

import pytest

from django.db import connection, connections

from matching.backends import database
from matching.backends.database import DatabaseBackend
from matching.indexing import Enricher
from matching.models import OfferIndexDocument, OfferIndexEntry
from matching.ranking import distance_km, plan_query
from matching.types import MatchQuery, PersonProfile
from tests.factories.matching import OfferDocumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend(settings):
    settings.MATCHING_BACKEND = "matching.backends.database.DatabaseBackend"
    return DatabaseBackend()


def indexed(*documents):
    enrich = Enricher()
    return [enrich(document) for document in documents]


def test_upsert_replaces_an_indexed_offer_in_place(backend):
    document = OfferDocumentFactory(title="心理辅导")
    backend.upsert(indexed(document))
    entry_id = OfferIndexEntry.objects.get(key=document.key).pk

    backend.upsert(indexed(replace(document, title="就业指导", seats_left=0)))

    entry = OfferIndexEntry.objects.get(key=document.key)
    assert entry.pk == entry_id
    assert entry.seats_left == 0
    assert OfferIndexDocument.objects.get(entry=entry).document["title"] == "就业指导"


def test_upsert_of_one_offer_twice_in_a_batch_keeps_the_last(backend):
    document = OfferDocumentFactory(title="心理辅导")

    backend.upsert(indexed(document, replace(document, title="就业指导")))

    assert OfferIndexEntry.objects.filter(key=document.key).count() == 1
    assert OfferIndexDocument.objects.get().document["title"] == "就业指导"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers: PostgreSQL")
def test_two_workers_updating_one_offer_leave_one_current_entry(backend):
    document = OfferDocumentFactory(title="心理辅导")
    backend.upsert(indexed(document))
    errors = []

    def worker(title: str) -> None:
        try:
            for round_ in range(15):
                backend.upsert(indexed(replace(document, title=f"{title}{round_}")))
        except Exception as error:  # noqa: BLE001 (collected and asserted below)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(name,)) for name in ("甲", "乙")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert OfferIndexEntry.objects.filter(key=document.key).count() == 1
    assert OfferIndexDocument.objects.get().document["title"] in {"甲14", "乙14"}


def test_total_beyond_the_cap_is_reported_as_capped(backend, settings):
    settings.MATCHING_COUNT_CAP = 3
    backend.upsert(indexed(*OfferDocumentFactory.build_batch(5)))

    result = backend.search(plan_query(MatchQuery(limit=2)))

    assert len(result.hits) == 2
    assert (result.total, result.total_capped) == (3, True)


def test_total_below_the_cap_is_exact_on_every_page(backend, settings):
    settings.MATCHING_COUNT_CAP = 10
    backend.upsert(indexed(*OfferDocumentFactory.build_batch(5)))

    first = backend.search(plan_query(MatchQuery(limit=2)))
    last = backend.search(plan_query(MatchQuery(limit=2, offset=4)))
    beyond = backend.search(plan_query(MatchQuery(limit=2, offset=8)))

    assert [first.total, last.total, beyond.total] == [5, 5, 5]
    assert not (first.total_capped or last.total_capped or beyond.total_capped)


def test_a_keywords_total_is_capped_sooner_than_any_other(backend, settings):
    settings.MATCHING_COUNT_CAP = 10
    settings.MATCHING_KEYWORD_COUNT_CAP = 3
    backend.upsert(indexed(*OfferDocumentFactory.build_batch(5, text="心理 辅导")))

    keyword = backend.search(plan_query(MatchQuery(keyword="心理", limit=2)))
    plain = backend.search(plan_query(MatchQuery(limit=2)))

    assert (keyword.total, keyword.total_capped) == (3, True)
    assert (plain.total, plain.total_capped) == (5, False)


def test_a_count_within_a_distance_counts_exactly_the_offers_within_it(backend):
    origin = (34.75, 113.6)
    rng = random.Random(3)
    points = [
        (origin[0] + rng.uniform(-0.5, 0.5), origin[1] + rng.uniform(-0.6, 0.6)) for _ in range(60)
    ]
    points += [(origin[0] + 0.4496, origin[1]), (origin[0], origin[1] - 0.5455)]  # box edges
    backend.upsert(
        indexed(*(OfferDocumentFactory.build(latitude=lat, longitude=lon) for lat, lon in points))
    )
    person = PersonProfile(age=30, latitude=origin[0], longitude=origin[1])
    plan = plan_query(MatchQuery(person=person, max_distance_km=50))

    counted = backend._fetch(*database.count_sql(plan, 1000))[0][0]

    assert counted == sum(distance_km(origin, *point) <= 50 for point in points)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GiST index on PostgreSQL only")
def test_a_count_within_a_distance_reads_the_offers_in_its_box_through_the_point_index(backend):
    backend.upsert(indexed(*OfferDocumentFactory.build_batch(5)))
    person = PersonProfile(age=30, latitude=34.75, longitude=113.6)
    plan = plan_query(MatchQuery(person=person, keyword="心理", max_distance_km=50))
    sql, params = database.count_sql(plan, 100)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        explained = "\n".join(row[0] for row in cursor.fetchall())

    assert "offer_index_point" in explained


def test_rebuild_in_several_processes_indexes_what_one_process_does(backend, settings, monkeypatch):
    documents = indexed(*OfferDocumentFactory.build_batch(7))
    settings.MATCHING_INDEX_PROCESSES = 1
    backend.rebuild(documents, None)
    alone = dict(OfferIndexEntry.objects.values_list("key", "search_tokens"))
    monkeypatch.setattr(database, "BATCH_SIZE", 2)
    settings.MATCHING_INDEX_PROCESSES = 2
    loaded = []

    assert backend.rebuild(documents, loaded.append) == 7

    assert dict(OfferIndexEntry.objects.values_list("key", "search_tokens")) == alone
    assert sorted(loaded) == [1, 2, 2, 2]


class _Waiting:
    """A pool's result that is not ready until asked for."""

    def __init__(self, value):
        self.value = value

    def ready(self) -> bool:
        return False

    def get(self):
        return self.value


class _SlowPool:
    def apply_async(self, work, arguments):
        return _Waiting(work(*arguments))


def test_two_batches_per_process_are_queued_before_the_writer_waits_for_one():
    workers = database.Workers(2, lambda number: number * 10)
    workers.pool = _SlowPool()

    returned = [workers.submit([number], (number,)) for number in range(6)]

    assert returned == [[], [], [], [], [([0], 0)], [([1], 10)]]
    assert workers.drain() == [([number], number * 10) for number in range(2, 6)]


def test_rebuild_runs_a_fixed_number_of_queries_per_batch(
    backend, settings, monkeypatch, django_assert_max_num_queries
):
    settings.MATCHING_INDEX_PROCESSES = 1
    monkeypatch.setattr(database, "BATCH_SIZE", 50)
    with django_assert_max_num_queries(12) as one_batch:
        backend.rebuild(indexed(*OfferDocumentFactory.build_batch(50)), None)

    with django_assert_max_num_queries(len(one_batch) + 3 * 3):
        backend.rebuild(indexed(*OfferDocumentFactory.build_batch(200)), None)
