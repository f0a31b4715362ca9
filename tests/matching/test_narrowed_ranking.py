"""The narrowed ranking of the database backend returns exactly the full ranking's page."""

import math
import random
from dataclasses import replace
from datetime import date, timedelta

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from matching.backends import database
from matching.backends.database import DatabaseBackend, ranking_sql
from matching.indexing import Enricher
from matching.models import OfferIndexEntry, OfferIndexTag
from matching.ranking import plan_query
from matching.types import MatchQuery, Need, OfferDocument, PersonProfile
from tests.factories.matching import OfferDocumentFactory

pytestmark = pytest.mark.django_db

CATEGORIES = [
    "psychological-counseling",
    "vocational-skills-training",
    "employment-guidance",
    "legal-education",
    "family-relationship-repair",
]
TODAY = date(2026, 11, 26)
# Towns ~10-150 km apart; offers pile up on their centres (equal scores, ties broken by key).
TOWNS = [(34.75, 113.61), (34.78, 113.66), (34.68, 112.45), (35.10, 113.90), (34.30, 113.20)]
WORDS = ["心理 辅导", "技能 培训", "就业 指导", "法律 讲座", "家庭 调解"]


def offer(rng: random.Random, serial: int) -> OfferDocument:
    """A varied offer: categories, place (or none), seats, validity, eligibility, funding."""
    town = rng.choice(TOWNS)
    located = rng.random() > 0.05
    jitter = rng.choice([0.0, 0.0, 0.05, 0.3])
    start = TODAY - timedelta(days=rng.randint(0, 200))
    return OfferDocumentFactory.build(
        kind=rng.choice(["service", "job", "mentor"]),
        source_id=serial,
        text=rng.choice(WORDS),
        categories=tuple(rng.sample(CATEGORIES, rng.choice([1, 1, 2, 3]))),
        jurisdiction_code="",
        latitude=town[0] + rng.uniform(-jitter, jitter) if located else None,
        longitude=town[1] + rng.uniform(-jitter, jitter) if located else None,
        seats_left=rng.choice([None, None, 0, 3]),
        funded_by_contract=rng.random() < 0.3,
        genders=rng.choice([(), (), ("female",)]),
        min_age=rng.choice([None, None, 25]),
        service_area_codes=rng.choice([(), (), ("410102",)]),
        valid_from=start,
        valid_until=start + timedelta(days=rng.randint(30, 400)),
    )


def person(rng: random.Random) -> PersonProfile:
    """A person near one of the towns with 0-4 needs."""
    town = rng.choice(TOWNS)
    needs = rng.sample(CATEGORIES, rng.choice([0, 1, 2, 2, 3, 4]))
    return PersonProfile(
        gender=rng.choice(["male", "female"]),
        age=rng.randint(18, 60),
        correction_type="probation",
        supervision_level="ordinary",
        jurisdiction_code=rng.choice(["410102001", "410302001"]),
        latitude=town[0] + rng.uniform(-0.1, 0.1),
        longitude=town[1] + rng.uniform(-0.1, 0.1),
        needs=tuple(Need(category, rng.randint(1, 5)) for category in needs),
    )


def query(rng: random.Random) -> MatchQuery:
    """A person's query, sometimes with a keyword, a distance limit, kinds or a later page."""
    return MatchQuery(
        person=person(rng),
        keyword=rng.choice(["", "", "", "心理", "培训 就业"]),
        max_distance_km=rng.choice([None, None, None, 30.0, 80.0]),
        kinds=rng.choice([(), (), ("service", "job")]),
        funded_only=rng.random() < 0.1,
        on_date=TODAY,
        offset=rng.choice([0, 0, 0, 3]),
        limit=rng.choice([3, 5, 10]),
    )


def candidate_ids(sql: database.Sql) -> set[int]:
    """The ids an `id IN (...)` clause of `candidate_sql` selects."""
    subquery = " ".join(sql.parts)[len("id IN ") :]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {subquery} candidates", sql.params)  # noqa: S608
        return {row[0] for row in cursor.fetchall()}


@pytest.fixture
def backend(settings, monkeypatch):
    monkeypatch.setattr(database, "NARROW_MIN_OFFERS", 0)  # narrow however small the index
    settings.MATCHING_BACKEND = "matching.backends.database.DatabaseBackend"
    return DatabaseBackend()


@pytest.fixture
def paths(monkeypatch):
    """Which way each ranking went: every offer, the first box only, or beyond it."""
    taken = {"full": 0, "near": 0, "beyond": 0}
    candidates = database.candidate_sql

    def spy(*args):
        sql, beyond = candidates(*args)
        taken["full" if sql is None else "beyond" if beyond else "near"] += 1
        return sql, beyond

    monkeypatch.setattr(database, "candidate_sql", spy)
    return taken


# The first pass's size: NEAR_OFFERS nearest on PostgreSQL (1000: more than the index holds,
# so the pass reads every located offer), the box shrunk for an index of `reference` on SQLite.
@pytest.mark.parametrize(
    ("scale_km", "near_offers", "reference"),
    [(10.0, 30, 400), (40.0, 120, 100), (25.0, 1000, 200)],
)
def test_narrowed_ranking_returns_the_full_rankings_page(
    backend, settings, paths, monkeypatch, scale_km, near_offers, reference
):
    settings.MATCHING_DISTANCE_SCALE_KM = scale_km
    monkeypatch.setattr(database, "NEAR_OFFERS", near_offers)
    monkeypatch.setattr(database, "NEAR_REFERENCE_OFFERS", reference)
    monkeypatch.setattr(database, "_index_size", {})
    rng = random.Random(int(scale_km))
    enrich = Enricher()
    backend.rebuild([enrich(offer(rng, serial)) for serial in range(1, 401)], None)

    for _ in range(80):
        plan = plan_query(query(rng))
        full = backend._fetch(*ranking_sql(plan))

        assert backend.ranked(plan) == full, plan

    assert paths["near"] and paths["beyond"]


def test_first_pass_on_sqlite_shrinks_its_box_as_the_index_grows(monkeypatch, settings):
    settings.MATCHING_DISTANCE_SCALE_KM = 25.0
    monkeypatch.setattr(database, "nearest_first", lambda plan: False)
    profile = PersonProfile(age=30, latitude=34.75, longitude=113.61)
    plan = plan_query(MatchQuery(person=profile))
    radii = []
    for size in (10_000, 50_000, 200_000):
        monkeypatch.setattr(database, "index_size", lambda size=size: size)
        radii.append(database.near_radius_km(plan))

    assert radii == [25.0, 25.0, 12.5]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GiST index on PostgreSQL only")
def test_first_pass_on_postgresql_reads_the_nearest_offers_through_the_point_index(backend):
    enrich = Enricher()
    backend.rebuild([enrich(offer(random.Random(3), serial)) for serial in range(1, 201)], None)
    profile = PersonProfile(age=30, latitude=34.75, longitude=113.61)
    plan = plan_query(MatchQuery(person=profile, on_date=TODAY))
    sql, params = database.nearest_sql(plan, plan.limit)
    with connection.cursor() as cursor:
        # A tiny table: only the inner sort by distance, priced out, shows the index is usable.
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        explained = "\n".join(row[0] for row in cursor.fetchall())

    assert "offer_index_point" in explained


def test_narrowed_ranking_sees_an_offer_far_away_that_meets_every_need(backend, settings):
    settings.MATCHING_DISTANCE_SCALE_KM = 10.0
    legal = ("legal-education",)
    near = [
        OfferDocumentFactory.build(categories=legal, latitude=34.75, longitude=113.61)
        for _ in range(5)
    ]
    far = OfferDocumentFactory.build(
        categories=("psychological-counseling", "legal-education"),
        funded_by_contract=True,
        latitude=35.10,
        longitude=113.90,
    )
    enrich = Enricher()
    backend.rebuild([enrich(document) for document in [*near, far]], None)
    needs = (Need("psychological-counseling", 5), Need("legal-education", 1))
    profile = PersonProfile(age=30, latitude=34.75, longitude=113.61, needs=needs)
    plan = plan_query(MatchQuery(person=profile, limit=3))

    rows = backend.ranked(plan)

    assert rows[0][0] == backend._fetch(*ranking_sql(plan))[0][0]
    assert backend.search(plan).hits[0].document.key == far.key


def test_upsert_replaces_an_offers_tags(backend):
    document = OfferDocumentFactory(categories=("legal-education", "employment-guidance"))
    enrich = Enricher()
    backend.upsert([enrich(document)])

    backend.upsert([enrich(replace(document, categories=("legal-education",)))])

    assert list(OfferIndexTag.objects.values_list("tag", flat=True)) == ["legal-education"]


def test_removed_offer_leaves_no_tags(backend):
    document = OfferDocumentFactory(funded_by_contract=True)
    backend.upsert([Enricher()(document)])
    assert list(OfferIndexTag.objects.values_list("tag", flat=True)) == [
        "psychological-counseling$"
    ]

    backend.remove([document.key])

    assert not OfferIndexTag.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GiST index on PostgreSQL only")
def test_a_first_pass_reaching_past_the_distance_limit_is_the_page(backend, paths, monkeypatch):
    monkeypatch.setattr(database, "NEAR_OFFERS", 30)
    rng = random.Random(9)
    enrich = Enricher()
    backend.rebuild([enrich(offer(rng, serial)) for serial in range(1, 301)], None)
    database.index_size()
    profile = PersonProfile(age=30, latitude=34.75, longitude=113.61)
    plan = plan_query(MatchQuery(person=profile, keyword="心理", max_distance_km=8, limit=5))

    with CaptureQueriesContext(connection) as statements:
        rows = backend.ranked(plan)

    assert rows == backend._fetch(*ranking_sql(plan))
    assert 0 < len(rows) < 5  # fewer than a page within 8 km: no further pass needed
    assert [query["sql"][:12] for query in statements] == ["WITH general"]
    assert paths == {"full": 0, "near": 0, "beyond": 0}


@pytest.mark.parametrize(("near_offers", "seed"), [(8, 6), (30, 4), (120, 5)])
def test_totals_learnt_from_the_first_pass_match_a_full_count(
    backend, settings, monkeypatch, near_offers, seed
):
    settings.MATCHING_DISTANCE_SCALE_KM = 25.0
    settings.MATCHING_COUNT_CAP = 12
    settings.MATCHING_KEYWORD_COUNT_CAP = 6
    monkeypatch.setattr(database, "NEAR_OFFERS", near_offers)
    rng = random.Random(seed)
    enrich = Enricher()
    backend.rebuild([enrich(offer(rng, serial)) for serial in range(1, 401)], None)

    for _ in range(60):
        plan = plan_query(query(rng))
        cap = database.count_cap(plan)
        exact = backend._fetch(*database.count_sql(plan, 10**6))[0][0]

        result = backend.search(plan)

        assert (result.total, result.total_capped) == (min(exact, cap), exact > cap), plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GiST index on PostgreSQL only")
def test_a_keyword_with_more_matches_nearby_than_its_cap_is_not_counted_again(
    backend, settings, monkeypatch
):
    settings.MATCHING_KEYWORD_COUNT_CAP = 5
    monkeypatch.setattr(database, "NEAR_OFFERS", 30)
    backend.rebuild(
        [
            Enricher()(
                OfferDocumentFactory.build(text="心理 辅导", latitude=34.75, longitude=113.6)
            )
            for _ in range(40)
        ],
        None,
    )
    profile = PersonProfile(age=30, latitude=34.75, longitude=113.61)
    plan = plan_query(MatchQuery(person=profile, keyword="心理", max_distance_km=50, limit=3))

    with CaptureQueriesContext(connection) as statements:
        result = backend.search(plan)

    assert (result.total, result.total_capped) == (5, True)
    assert not [query for query in statements if "SELECT 1 FROM" in query["sql"]]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GiST index on PostgreSQL only")
def test_a_first_pass_reaching_past_the_distance_limit_counts_every_match(backend, monkeypatch):
    monkeypatch.setattr(database, "NEAR_OFFERS", 30)
    near = [(34.75, 113.61)] * 7 + [(34.80, 113.65)] * 4  # within 8 km
    far = [(35.10, 113.90)] * 30  # about 46 km away
    backend.rebuild(
        [
            Enricher()(OfferDocumentFactory.build(latitude=lat, longitude=lon))
            for lat, lon in near + far
        ],
        None,
    )
    profile = PersonProfile(age=30, latitude=34.75, longitude=113.61)
    plan = plan_query(MatchQuery(person=profile, max_distance_km=8, limit=5))

    with CaptureQueriesContext(connection) as statements:
        result = backend.search(plan)

    assert (result.total, result.total_capped, len(result.hits)) == (11, False, 5)
    assert not [query for query in statements if "SELECT 1 FROM" in query["sql"]]


def test_far_candidates_leave_out_the_offers_the_first_pass_read(backend, settings):
    settings.MATCHING_DISTANCE_SCALE_KM = 25.0
    legal = ("legal-education",)
    places = [(34.75, 113.61), (34.80, 113.61), (35.20, 113.61)]  # 0, 5.6 and 50 km north
    documents = [
        OfferDocumentFactory.build(categories=legal, latitude=lat, longitude=lon)
        for lat, lon in places
    ]
    backend.rebuild([Enricher()(document) for document in documents], None)
    profile = PersonProfile(
        age=30, latitude=34.75, longitude=113.61, needs=(Need("legal-education", 5),)
    )
    plan = plan_query(MatchQuery(person=profile, max_distance_km=60))
    ids = dict(OfferIndexTag.objects.values_list("latitude", "entry_id"))

    sql, beyond = database.candidate_sql(plan, 10.0, [ids[34.75]], threshold=0.0)
    candidates = candidate_ids(sql)

    assert beyond
    assert candidates == {ids[34.75], ids[35.20]}  # not the one 5.6 km away


def _plan_nodes(node: dict) -> list[dict]:
    """Every node of an EXPLAIN (FORMAT JSON) plan."""
    return [node, *(child for sub in node.get("Plans", []) for child in _plan_nodes(sub))]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GiST index on PostgreSQL only")
def test_a_first_pass_stops_walking_at_the_distance_limit(backend, monkeypatch):
    monkeypatch.setattr(database, "NEAR_OFFERS", 30)
    near = [(34.75, 113.61, "心理 辅导")] * 5  # within 8 km, with the keyword
    far = [(35.60, 113.61, text) for text in ["技能 培训"] * 300 + ["心理 辅导"] * 40]  # 95 km
    backend.rebuild(
        [
            Enricher()(OfferDocumentFactory.build(latitude=lat, longitude=lon, text=text))
            for lat, lon, text in near + far
        ],
        None,
    )
    profile = PersonProfile(age=30, latitude=34.75, longitude=113.61)
    plan = plan_query(MatchQuery(person=profile, keyword="心理", max_distance_km=8, limit=3))
    sql, params = database.nearest_sql(plan, plan.limit)
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        (explained,) = cursor.fetchone()
    walks = [
        node
        for node in _plan_nodes(explained[0]["Plan"])
        if node.get("Index Name") == "offer_index_point"
    ]

    assert len(walks) == 1
    # The five within the limit, then offers past it taken untested up to the 30th: the 300
    # without the keyword beyond the limit are not all read and tested.
    assert walks[0]["Actual Rows"] + walks[0].get("Rows Removed by Filter", 0) <= 30
    first = backend.first_pass(plan, math.inf)
    assert first.near_km > 8  # it reached past the limit: the page, and the exact total
    assert (first.matched, len(first.rows)) == (5, 3)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GiST index on PostgreSQL only")
def test_the_nearest_offers_of_a_tag_are_walked_through_its_gist_index(backend):
    rng = random.Random(8)
    legal = ("legal-education",)
    backend.rebuild(
        [
            Enricher()(
                OfferDocumentFactory.build(
                    categories=legal,
                    latitude=34.75 + rng.uniform(-1, 1),
                    longitude=113.61 + rng.uniform(-1, 1),
                )
            )
            for _ in range(1500)
        ],
        None,
    )
    profile = PersonProfile(
        age=30, latitude=34.75, longitude=113.61, needs=(Need("legal-education", 3),)
    )
    sql, params = database.nearest_sql(plan_query(MatchQuery(person=profile)), 20)
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        explained = "\n".join(row[0] for row in cursor.fetchall())

    # Not the (tag, latitude, longitude) index, which holds the entry and is all-visible after
    # a rebuild: through it, every offer of the tag would be read and sorted.
    assert "offer_index_tag_point" in explained
    assert "offer_index_tag_location" not in explained


@pytest.mark.skipif(connection.vendor != "postgresql", reason="visibility map: PostgreSQL")
def test_a_rebuild_leaves_the_tag_table_all_visible_and_far_candidates_read_from_an_index(
    backend,
):
    enrich = Enricher()
    backend.rebuild([enrich(offer(random.Random(5), serial)) for serial in range(1, 301)], None)
    tables = [OfferIndexTag._meta.db_table, database.OfferIndexDocument._meta.db_table]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, relpages, relallvisible FROM pg_class WHERE relname = ANY(%s)",
            [tables],
        )
        pages = {name: (total, visible) for name, total, visible in cursor.fetchall()}
    needs = (Need("legal-education", 3),)
    profile = PersonProfile(age=30, latitude=34.75, longitude=113.61, needs=needs)
    plan = plan_query(MatchQuery(person=profile, on_date=TODAY, max_distance_km=60))
    candidates, _beyond = database.candidate_sql(plan, 1.0, [1], threshold=0.0)
    sql, params = ranking_sql(plan, candidates)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        explained = "\n".join(row[0] for row in cursor.fetchall())

    assert sorted(pages) == sorted(tables)
    assert all(total and visible == total for total, visible in pages.values()), pages
    assert "Index Only Scan using offer_index_tag_location" in explained


@pytest.mark.skipif(connection.vendor != "postgresql", reason="rebuild by COPY: PostgreSQL")
def test_a_rebuild_writes_the_ranking_rows_in_order_of_place(backend):
    rng = random.Random(6)
    backend.rebuild([Enricher()(offer(rng, serial)) for serial in range(1, 201)], None)
    rows = list(OfferIndexEntry.objects.values_list("id", "latitude", "longitude"))
    table = OfferIndexEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table} ORDER BY ctid")  # noqa: S608
        stored = [row[0] for row in cursor.fetchall()]

    def place(row):
        entry_id, latitude, longitude = row
        if latitude is None:
            return (1, 0.0, 0.0, entry_id)
        return (0, math.floor(latitude * 20), longitude, entry_id)

    assert stored == [row[0] for row in sorted(rows, key=place)]


def test_term_masks_set_the_bit_of_every_term_within_signed_64_bit_words():
    terms = " 心理 辅导 技能 培训 就业 法律 讲座 家庭 创业 "
    low, high = database.term_masks(terms)
    mask = (low % 2**64) + (high % 2**64) * 2**64

    assert all(-(2**63) <= word < 2**63 for word in (low, high))
    assert all(mask >> database.term_bit(term) & 1 for term in terms.split())
    assert database.term_masks("") == (0, 0)


@pytest.mark.parametrize("replace_rows", [False, True])
def test_tag_rows_carry_the_masks_of_their_offers_terms(backend, replace_rows):
    enrich = Enricher()
    documents = [enrich(offer(random.Random(7), serial)) for serial in range(1, 41)]
    if replace_rows:
        backend.upsert(documents)
    else:
        backend.rebuild(documents, None)
    rows = OfferIndexTag.objects.values_list("terms_low", "terms_high", "entry__search_tokens")

    assert rows
    assert all((low, high) == database.term_masks(terms) for low, high, terms in rows)


def test_far_candidates_without_the_keywords_terms_are_left_out_unread(backend, settings):
    settings.MATCHING_DISTANCE_SCALE_KM = 25.0
    legal = ("legal-education",)
    texts = {"with": "心理 辅导", "without": "技能 培训", "unmasked": "技能 培训"}
    assert database.term_bit("心理") not in {database.term_bit(word) for word in ("技能", "培训")}
    documents = {
        name: OfferDocumentFactory.build(
            categories=legal, text=text, latitude=35.20, longitude=113.61
        )
        for name, text in texts.items()
    }
    backend.rebuild([Enricher()(document) for document in documents.values()], None)
    ids = dict(OfferIndexEntry.objects.values_list("key", "id"))
    # A row indexed before the masks existed has every bit: it may hold any term.
    OfferIndexTag.objects.filter(entry_id=ids[documents["unmasked"].key]).update(
        terms_low=-1, terms_high=-1
    )
    profile = PersonProfile(
        age=30, latitude=34.75, longitude=113.61, needs=(Need("legal-education", 5),)
    )
    plan = plan_query(MatchQuery(person=profile, keyword="心理", max_distance_km=60))

    sql, _beyond = database.candidate_sql(plan, 10.0, [0], threshold=0.6)
    candidates = candidate_ids(sql)

    assert candidates == {ids[documents["with"].key], ids[documents["unmasked"].key]}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GiST index on PostgreSQL only")
@pytest.mark.parametrize(("east", "offset"), [(1, 0), (5, 3)])
def test_a_first_pass_that_ranks_nothing_within_the_limit_is_not_the_page(
    backend, monkeypatch, east, offset
):
    # Nearer in degrees but past 20 km (north: a degree of latitude is the longer), the walk's
    # five fill the first pass; the matches within 20 km due east come after them.
    monkeypatch.setattr(database, "NEAR_OFFERS", 5)
    north = [(34.75 + 21 / 111.0, 113.61)] * 6
    inside = [(34.75, 113.61 + 19.8 / 91.6)] * east
    backend.rebuild(
        [
            Enricher()(OfferDocumentFactory.build(latitude=lat, longitude=lon))
            for lat, lon in north + inside
        ],
        None,
    )
    profile = PersonProfile(age=30, latitude=34.75, longitude=113.61)
    plan = plan_query(MatchQuery(person=profile, max_distance_km=20, limit=3, offset=offset))

    result = backend.search(plan)

    assert backend.ranked(plan) == backend._fetch(*ranking_sql(plan))
    assert (result.total, len(result.hits)) == (east, min(3, east - offset))
