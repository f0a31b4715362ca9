"""The database search backend: the offer index as tables, filtered and scored in SQL.

Eligibility, capacity, validity, kinds, categories, service area, distance and keyword are SQL
filters on the narrow `OfferIndexEntry` (its search terms included: `OfferIndexDocument` is read
only for the page's hits); the score of `matching.ranking` is an SQL expression, so only the
requested page of rows leaves the database. The statement is composed directly (with bound
parameters) rather than through the ORM, whose expression building cost more than the query;
it uses only SQL that SQLite (3.35+, math functions) and PostgreSQL share.
"""

import dataclasses
import gc
import hashlib
import json
import math
import multiprocessing
import os
import re
import time
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from itertools import combinations, islice
from typing import Any, NamedTuple

import jieba

from django.conf import settings
from django.db import DatabaseError, connection, models, transaction
from django.db.models import Count
from django.utils import timezone

from matching.backends.base import (
    DATE_FIELDS,
    IndexedDocument,
    Progress,
    SearchBackend,
    document_data,
    fields_data,
)
from matching.eligibility import CorrectionType, Gender, SupervisionLevel
from matching.exceptions import SearchUnavailable
from matching.models import OfferIndexDocument, OfferIndexEntry, OfferIndexTag
from matching.ranking import (
    DISTANCE_DECAY,
    MIN_DISTANCE_EXPONENT,
    QueryPlan,
    Searchable,
    degree_scales,
    distance_factor,
    distance_scale_km,
    normalize_area_code,
    score_parts,
    search_tokens,
    total_score,
)
from matching.types import Hit, MatchResult, OfferDocument

BATCH_SIZE = 1000
# Batches queued per worker process: one waiting behind the one in work keeps each process busy
# while the writing process copies rows.
QUEUED_PER_PROCESS = 2
COUNT_CAP = 1000
KEYWORD_COUNT_CAP = 100
TUPLE_FIELDS = (
    "categories",
    "service_area_codes",
    "genders",
    "correction_types",
    "supervision_levels",
    "languages",
)
UNKNOWN_BIT = 1 << 14
MASKED = {
    "gender_mask": ("genders", list(Gender.values)),
    "correction_mask": ("correction_types", list(CorrectionType.values)),
    "level_mask": ("supervision_levels", list(SupervisionLevel.values)),
}


def tags(values: Iterable[str]) -> str:
    """Values as a `|a|b|` string that LIKE can filter on; "" when there are none."""
    values = [value for value in values if value]
    return f"|{'|'.join(values)}|" if values else ""


def bit(value: str, choices: list[str]) -> int:
    """A person's value as a bit of a mask (0 when unknown, so only "any" offers match)."""
    return 1 << choices.index(value) if value in choices else 0


def mask(values: Iterable[str], choices: list[str]) -> int:
    """An offer's accepted values as a bit mask; 0 means any, an unknown value matches no one."""
    result = 0
    for value in values:
        result |= bit(value, choices) or UNKNOWN_BIT
    return result


# The ranking row's columns that hold a document's field as it is.
PLAIN_ENTRY_FIELDS = (
    "key",
    "kind",
    "latitude",
    "longitude",
    "seats_left",
    "valid_from",
    "valid_until",
    "min_age",
    "max_age",
    "accepts_adults",
    "accepts_juveniles",
    "funded_by_contract",
)


def entry_values(fields: Mapping[str, Any], terms: str) -> dict[str, Any]:
    """The ranking row of a document's fields (`vars` of an `OfferDocument`) and search terms,
    by field name (the model instance and the COPY row of a rebuild are both made from it)."""
    values = {name: fields[name] for name in PLAIN_ENTRY_FIELDS}
    values["search_tokens"] = terms
    values["category_tags"] = tags(fields["categories"])
    values["service_area"] = tags(
        normalize_area_code(code) for code in fields["service_area_codes"]
    )
    for column, (field, choices) in MASKED.items():
        values[column] = mask(fields[field], choices)
    return values


def entry_from(document: OfferDocument, terms: str) -> OfferIndexEntry:
    """The ranking row of a document and its search terms, as a model instance."""
    return OfferIndexEntry(**entry_values(vars(document), terms))


FUNDED_MARK = "$"


def offer_tags(categories: Iterable[str], funded: bool) -> list[str]:
    """An offer's categories and pairs of categories (`a&b`), marked when funded by contract."""
    values = sorted({value for value in categories if value})
    names = values + [f"{first}&{second}" for first, second in combinations(values, 2)]
    return [name + FUNDED_MARK if funded else name for name in names]


def tag_rows(entry_id: int, document: OfferDocument, terms: str) -> list[tuple]:
    """The (entry, tag, latitude, longitude, terms_low, terms_high) rows of a document and its
    search terms."""
    low, high = term_masks(terms)
    return [
        (entry_id, name, document.latitude, document.longitude, low, high)
        for name in offer_tags(document.categories, document.funded_by_contract)
    ]


TERM_BITS = 128
WORD = 1 << 64


def term_bit(term: str) -> int:
    """A search term's bit in the tag rows' masks (CRC-32: the same in every process)."""
    return zlib.crc32(term.encode()) % TERM_BITS


def term_masks(terms: str) -> tuple[int, int]:
    """An offer's search terms hashed to 128 bits, as two signed 64-bit integers (the tag rows'
    `terms_low` and `terms_high`): a term can be among them only if its bit is set."""
    mask = 0
    for term in terms.split():
        mask |= 1 << term_bit(term)
    return signed_word(mask % WORD), signed_word(mask // WORD)


def signed_word(value: int) -> int:
    """An unsigned 64-bit value as the signed integer that a BIGINT column stores."""
    return value - WORD if value >= WORD // 2 else value


def document_from(data: dict[str, Any]) -> OfferDocument:
    """The document stored as JSON."""
    data = dict(data)
    for name in TUPLE_FIELDS:
        data[name] = tuple(data.get(name) or ())
    for name in DATE_FIELDS:
        data[name] = date.fromisoformat(data[name]) if data.get(name) else None
    return OfferDocument(**data)


ENTRY_FIELDS = [
    field.name for field in OfferIndexEntry._meta.concrete_fields if field.name not in ("id", "key")
]
DOCUMENT_FIELDS = ["document", "fingerprint", "indexed_at"]
COPY_ENTRY_FIELDS = [*ENTRY_FIELDS, "key"]
_ENTRY_COLUMNS = {field.name: str(field.column) for field in OfferIndexEntry._meta.concrete_fields}
COPY_ENTRY_COLUMNS = ["id", *(_ENTRY_COLUMNS[name] for name in COPY_ENTRY_FIELDS)]
COPY_DOCUMENT_COLUMNS = ["entry_id", *DOCUMENT_FIELDS]
COPY_TAG_COLUMNS = ["entry_id", "tag", "latitude", "longitude", "terms_low", "terms_high"]


def save_entries(
    documents: list[IndexedDocument], *, tokens: list[str] | None = None, replace: bool = False
) -> None:
    """Insert the ranking rows and documents; with `replace`, update the keys already indexed
    in place (INSERT ... ON CONFLICT DO UPDATE: no moment without the entry, no duplicate)."""
    upsert: dict[str, Any] = (
        {"update_conflicts": True, "unique_fields": ["key"], "update_fields": ENTRY_FIELDS}
        if replace
        else {}
    )
    if tokens is None:
        tokens = batch_tokens([item.document for item in documents])
    entries = OfferIndexEntry.objects.bulk_create(
        [entry_from(item.document, terms) for item, terms in zip(documents, tokens, strict=True)],
        **upsert,
    )
    upsert = (
        {"update_conflicts": True, "unique_fields": ["entry"], "update_fields": DOCUMENT_FIELDS}
        if replace
        else {}
    )
    OfferIndexDocument.objects.bulk_create(
        [
            OfferIndexDocument(
                entry_id=entry.pk,
                document=document_data(item.document),
                fingerprint=item.fingerprint,
            )
            for entry, item in zip(entries, documents, strict=True)
        ],
        **upsert,
    )
    _save_tags(entries, documents, replace=replace)


def _save_tags(
    entries: list[OfferIndexEntry], documents: list[IndexedDocument], *, replace: bool
) -> None:
    if replace:
        OfferIndexTag.objects.filter(entry_id__in=[entry.pk for entry in entries]).delete()
    OfferIndexTag.objects.bulk_create(
        [
            OfferIndexTag(**dict(zip(COPY_TAG_COLUMNS, row, strict=True)))
            for entry, item in zip(entries, documents, strict=True)
            for row in tag_rows(entry.pk, item.document, entry.search_tokens)
        ]
    )


class CopyBatch(NamedTuple):
    """A batch's rows of the three index tables, in COPY's text format."""

    entries: bytes
    documents: bytes
    tags: bytes


COPY_ESCAPES = (("\\", "\\\\"), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r"))


def copy_value(value: Any) -> str:
    """A value as COPY's text format writes it (what psycopg's `write_row` sends)."""
    if value is None:
        return "\\N"
    format_ = COPY_FORMATS.get(type(value))
    if format_ is not None:
        return format_(value)
    return copy_string(value) if isinstance(value, str) else str(value)


def copy_string(value: str) -> str:
    """A string with COPY's escapes (a printable string without a backslash has none)."""
    if "\\" in value or not value.isprintable():
        for special, escaped in COPY_ESCAPES:
            if special in value:
                value = value.replace(special, escaped)
    return value


# COPY's text of the types of the index's values, by exact type (a lookup instead of a chain of
# isinstance checks: a rebuild formats about 50 values per document).
COPY_FORMATS: dict[type, Callable[[Any], str]] = {
    str: copy_string,
    bool: lambda value: "t" if value else "f",
    int: str,
    float: repr,
    date: str,
}


def copy_text(rows: Iterable[Iterable[Any]]) -> bytes:
    """Rows in COPY's text format."""
    return "".join("\t".join([copy_value(value) for value in row]) + "\n" for row in rows).encode()


def copy_batch(first_id: int, batch: list[dict[str, Any]], indexed_at: str) -> CopyBatch:
    """The rows of a batch of documents' fields (entry ids from `first_id`) for COPY: search
    terms, fingerprints and JSON computed in the worker process that segments them, so that the
    process writing to the database only passes bytes on."""
    entries, rows, tags = [], [], []
    for entry_id, fields in enumerate(batch, first_id):
        terms = search_tokens(search_text(fields))
        entries.append(_entry_row(entry_id, fields, terms))
        text, digest = fingerprinted_json(fields_data(fields))
        rows.append(f"{entry_id}\t{copy_value(text)}\t{digest}\t{indexed_at}\n")
        low, high = term_masks(terms)
        point = f"\t{copy_value(fields['latitude'])}\t{copy_value(fields['longitude'])}"
        point += f"\t{low}\t{high}\n"
        tags += [
            f"{entry_id}\t{copy_value(name)}{point}"
            for name in offer_tags(fields["categories"], fields["funded_by_contract"])
        ]
    return CopyBatch(copy_text(entries), "".join(rows).encode(), "".join(tags).encode())


def fingerprinted_json(data: dict[str, Any]) -> tuple[str, str]:
    """A document's JSON and its `data_fingerprint`, from one encoding: the fingerprint's (keys
    sorted, ASCII), which the `jsonb` column stores as the same value as any other."""
    text = json.dumps(data, sort_keys=True)
    return text, hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def _entry_row(entry_id: int, fields: Mapping[str, Any], terms: str) -> list:
    """The COPY row of a document's fields and terms (COPY_ENTRY_COLUMNS), without the model
    instance, whose construction cost a rebuild more than the rest of the row."""
    values = entry_values(fields, terms)
    return [entry_id, *(values[name] for name in COPY_ENTRY_FIELDS)]


class SearchText(NamedTuple):
    """The fields of a document that `search_tokens` segments."""

    title: str
    text: str
    provider_name: str
    schedule: str


def search_text(fields: Mapping[str, Any]) -> SearchText:
    """What `search_tokens` segments, from a document's fields."""
    return SearchText(fields["title"], fields["text"], fields["provider_name"], fields["schedule"])


def batch_tokens(documents: Sequence[Searchable]) -> list[str]:
    """The search terms of each document (jieba: most of the cost of indexing)."""
    return [search_tokens(document) for document in documents]


class Workers:
    """Runs the work of each batch in worker processes while the caller writes the previous ones.

    Processes are forked (jieba's dictionary loaded once, before the fork) when a second batch
    comes, so that small rebuilds never pay for them: the first batch waits for it, and is
    worked on in this process if it stays alone. Results come back in order.
    """

    def __init__(self, processes: int, work: Callable[..., Any]):
        self.processes = processes
        self.work = work
        self.pool: Any = None
        self.pending: deque = deque()

    def __enter__(self) -> "Workers":
        return self

    def __exit__(self, *exc_info) -> None:
        if self.pool is not None:
            self.pool.terminate()

    def submit(self, batch: list, arguments: tuple) -> list[tuple[list, Any]]:
        """Queue a batch and the arguments of its work; returns the batches whose results are
        ready, oldest first."""
        if self.processes < 2:
            self.pending.append((batch, _Ready(self.work(*arguments))))
        elif self.pool is None and not self.pending:
            self.pending.append((batch, _Later(self.work, arguments)))
        else:
            if self.pool is None:
                self._start()
            self.pending.append((batch, self.pool.apply_async(self.work, arguments)))
        ready = []
        queued = QUEUED_PER_PROCESS * self.processes
        while self.pending and (len(self.pending) > queued or self.pending[0][1].ready()):
            done, result = self.pending.popleft()
            ready.append((done, result.get()))
        return ready

    def _start(self) -> None:
        """Fork the processes, the objects of this one frozen out of their garbage collector's
        rounds (never freed there, they need not be walked), and hand them the waiting batch."""
        jieba.initialize()
        gc.freeze()
        try:
            self.pool = multiprocessing.get_context("fork").Pool(self.processes)
        finally:
            gc.unfreeze()
        self.pending = deque(
            (batch, self.pool.apply_async(self.work, result.arguments))
            for batch, result in self.pending
        )

    def drain(self) -> list[tuple[list, Any]]:
        """Every batch still queued, with its result."""
        ready = [(batch, result.get()) for batch, result in self.pending]
        self.pending.clear()
        return ready


class _Ready:
    """A result computed in this process, shaped like a pool's AsyncResult."""

    def __init__(self, value):
        self.value = value

    def ready(self) -> bool:
        return True

    def get(self):
        return self.value


class _Later:
    """Work held back until the processes start, done in this process if they never do."""

    def __init__(self, work: Callable[..., Any], arguments: tuple):
        self.work = work
        self.arguments = arguments

    def ready(self) -> bool:
        return False

    def get(self):
        return self.work(*self.arguments)


def lock_keys(keys: list[str]) -> None:
    """Serialize writers of the same offers until the transaction ends (PostgreSQL advisory
    locks, taken in key order so that two workers never wait on each other in a cycle; SQLite
    lets one writer at a time anyway)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for key in sorted(set(keys)):
            cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [key])


class Sql:
    """An SQL fragment under construction: text pieces and their parameters, in order."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.params: list[Any] = []

    def add(self, text: str, *params: Any) -> None:
        self.parts.append(text)
        self.params.extend(params)


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


LIKE = "LIKE %s ESCAPE '\\'"
# A typed zero: PostgreSQL would otherwise add numerics, far slower than double precision.
ZERO = "CAST(0 AS DOUBLE PRECISION)"


def _any_or(where: Sql, column: str, value: str) -> None:
    """Offers open to any value of a masked column, or accepting this value."""
    _field, choices = MASKED[column]
    person_bit = bit(value, choices)
    if person_bit:
        where.add(f"({column} = 0 OR ({column} & %s) <> 0)", person_bit)
    else:
        where.add(f"{column} = 0")


def _one_of(where: Sql, column: str, values: Iterable[str], template: str) -> None:
    """At least one of the values appears in a delimited column."""
    values = list(values)
    clauses = " OR ".join([f"{column} {LIKE}"] * len(values))
    where.add(f"({clauses})", *(_like(template.format(value)) for value in values))


def eligibility_filter(where: Sql, plan: QueryPlan) -> None:
    """What a person may join: gender, age, adult/juvenile, correction type, level, area."""
    person = plan.person
    if person is None:
        return
    _any_or(where, "gender_mask", person.gender)
    if person.age is None:
        where.add("min_age IS NULL AND max_age IS NULL")
    else:
        where.add("(min_age IS NULL OR min_age <= %s)", person.age)
        where.add("(max_age IS NULL OR max_age >= %s)", person.age)
    where.add("accepts_juveniles = %s" if person.is_juvenile else "accepts_adults = %s", True)
    _any_or(where, "correction_mask", person.correction_type)
    _any_or(where, "level_mask", person.supervision_level)
    areas = " OR ".join([f"service_area {LIKE}"] * len(plan.prefixes))
    where.add(
        f"(service_area = ''{' OR ' + areas if areas else ''})",
        *(_like(f"|{prefix}|") for prefix in plan.prefixes),
    )


def availability_filter(where: Sql, plan: QueryPlan) -> None:
    """Open offers: seats left (or unlimited) and valid on the plan's day."""
    where.add("(seats_left IS NULL OR seats_left > 0)")
    where.add("(valid_from IS NULL OR valid_from <= %s)", plan.today)
    where.add("(valid_until IS NULL OR valid_until >= %s)", plan.today)


def within_limit_sql(plan: QueryPlan) -> tuple[str, list[Any]]:
    """Whether an offer lies within the plan's distance limit (every offer when it has none)."""
    if plan.max_distance_km is None or plan.origin is None:
        return "TRUE", []
    squared, params = squared_distance(plan.origin, 1.0)
    return f"{squared} <= %s", [*params, plan.max_distance_km**2]


def choice_filter(where: Sql, plan: QueryPlan, *, through_points: bool = False) -> None:
    """The caseworker's choices: kinds, categories, funded only, keyword terms, distance (its box
    read `through_points`: see `box_sql`)."""
    if plan.kinds:
        where.add(f"kind IN ({', '.join(['%s'] * len(plan.kinds))})", *plan.kinds)
    if plan.categories:
        _one_of(where, "category_tags", plan.categories, "|{}|")
    if plan.query.funded_only:
        where.add("funded_by_contract = %s", True)
    if plan.terms:
        _one_of(where, "search_tokens", plan.terms, " {} ")
    if plan.max_distance_km is not None and plan.origin is not None:
        box = box_sql(plan.origin, plan.max_distance_km, through_points=through_points)
        where.add(" ".join(box.parts), *box.params)
        within, params = within_limit_sql(plan)
        where.add(within, *params)


def bounding_box(origin: tuple[float, float], km: float) -> tuple[tuple, tuple]:
    """A cheap, indexed box around the origin that holds every point within `km`."""
    lat_scale, lon_scale = degree_scales(origin[0])
    dlat, dlon = km / lat_scale, km / max(lon_scale, 0.01)
    return (origin[0] - dlat, origin[0] + dlat), (origin[1] - dlon, origin[1] + dlon)


def squared_distance(origin: tuple[float, float], factor: float) -> tuple[str, list[float]]:
    """`factor` times the squared distance in km (see `matching.ranking.distance_km`), in SQL."""
    lat_scale, lon_scale = degree_scales(origin[0])
    sql = "(%s * (latitude - %s) * (latitude - %s) + %s * (longitude - %s) * (longitude - %s))"
    return sql, [
        factor * lat_scale**2,
        origin[0],
        origin[0],
        factor * lon_scale**2,
        origin[1],
        origin[1],
    ]


def _greatest() -> str:
    return "MAX" if connection.vendor == "sqlite" else "GREATEST"


def score_expression(plan: QueryPlan) -> Sql:
    """The sum of the four score parts of `matching.ranking`, as one SQL expression."""
    score = Sql()
    score.add(ZERO)
    if plan.origin is not None:
        factor = math.log(DISTANCE_DECAY) / distance_scale_km() ** 2
        squared, params = squared_distance(plan.origin, factor)
        decay = f"EXP({_greatest()}({squared}, %s))"
        score.add(
            f"+ CASE WHEN latitude IS NULL THEN {ZERO} ELSE %s * {decay} END",
            plan.weights["distance"],
            *params,
            MIN_DISTANCE_EXPONENT,
        )
    for item in plan.needs:
        score.add(
            f"+ CASE WHEN category_tags {LIKE} THEN %s ELSE {ZERO} END",
            _like(f"|{item.need.category}|"),
            item.weight,
        )
    score.add(
        f"+ CASE WHEN funded_by_contract = %s THEN %s ELSE {ZERO} END",
        True,
        plan.weights["funding"],
    )
    for term in plan.terms:
        score.add(
            f"+ CASE WHEN search_tokens {LIKE} THEN %s ELSE {ZERO} END",
            _like(f" {term} "),
            plan.term_weight,
        )
    return score


def _filtered(plan: QueryPlan, *, through_points: bool = False) -> tuple[str, Sql]:
    """The table and the WHERE clause of a plan."""
    where = Sql()
    where.add("1 = 1")
    eligibility_filter(where, plan)
    availability_filter(where, plan)
    choice_filter(where, plan, through_points=through_points)
    return connection.ops.quote_name(OfferIndexEntry._meta.db_table), where


def ranking_sql(
    plan: QueryPlan, within: Sql | None = None, limit: int | None = None, offset: int | None = None
) -> tuple[str, list[Any]]:
    """One statement: the page of (id, score) rows of a plan, best first (`within` narrows the
    offers read, `limit` and `offset` replace the plan's)."""
    table, where = _filtered(plan)
    if within is not None:
        where.add(" ".join(within.parts), *within.params)
    score = score_expression(plan)
    sql = (
        # Every value is a bound parameter; the text is made of constants only.
        f"SELECT id, {' '.join(score.parts)} AS score FROM {table}"  # noqa: S608  # nosec B608
        f" WHERE {' AND '.join(where.parts)}"
        " ORDER BY score DESC, key ASC LIMIT %s OFFSET %s"
    )
    limit = plan.limit if limit is None else limit
    offset = plan.offset if offset is None else offset
    return sql, [*score.params, *where.params, limit, offset]


# The narrowed ranking: a first pass ranks the offers near the person that pass the plan's
# filters and gives the score s_k of the k-th best, and the radius within which it read every
# such offer: on PostgreSQL the NEAR_OFFERS nearest (a GiST index on point(longitude, latitude),
# migration matching 0011, read in distance order until that many pass the filters), on SQLite
# a box whose radius shrinks as the index grows (as many offers in it at any size).
# An offer beyond that radius that meets exactly the needs S of the person scores at most
# w(S) + funding + text + D(d), D the distance part at its distance d: only offers within the
# distance where that bound still reaches s_k can enter the page, found per category (or pair
# of categories) of S through the (tag, latitude, longitude) index of `OfferIndexTag`.
# The page is then ranked by the same statement over these candidates only: identical rows.
NEAR_SCALES = 1.0
NEAR_OFFERS = 200
NEAR_TAG_OFFERS = 20
NEAR_REFERENCE_OFFERS = 50_000
NEAR_MARGIN = 1e-6
MAX_NARROWED_NEEDS = 10
BOUND_MARGIN = 1e-9
NARROW_MIN_OFFERS = 5000
SIZE_TTL_SECONDS = 300.0
_index_size: dict[str, float] = {}


def index_size() -> int:
    """How many offers the index holds, counted at most once per SIZE_TTL_SECONDS."""
    now = time.monotonic()
    if now - _index_size.get("at", -math.inf) > SIZE_TTL_SECONDS:
        table = connection.ops.quote_name(OfferIndexEntry._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608  # nosec B608
            _index_size.update(size=cursor.fetchone()[0], at=now)
    return int(_index_size["size"])


def index_is_large() -> bool:
    """Whether the index holds NARROW_MIN_OFFERS offers or more (below that the full ranking
    costs little and the first pass rarely fills a page)."""
    return index_size() >= NARROW_MIN_OFFERS


def nearest_first(plan: QueryPlan) -> bool:
    """Whether the first pass reads the nearest offers through the GiST indexes: on PostgreSQL
    (a keyword's terms are tested on the same rows as the other filters, as they are read)."""
    return connection.vendor == "postgresql"


def near_radius_km(plan: QueryPlan) -> float | None:
    """The radius of the first pass's box (NEAR_SCALES distance scales at NEAR_REFERENCE_OFFERS
    offers, shrinking with the square root of the index size beyond), or None when the plan
    cannot be narrowed."""
    if plan.origin is None or plan.weights["distance"] <= 0:
        return None
    if len(plan.needs) > MAX_NARROWED_NEEDS:
        return None
    if nearest_first(plan):
        return math.inf  # the nearest offers, however far they reach
    shrink = math.sqrt(NEAR_REFERENCE_OFFERS / max(index_size(), NEAR_REFERENCE_OFFERS))
    radius = NEAR_SCALES * distance_scale_km() * shrink
    if plan.max_distance_km is not None and plan.max_distance_km <= radius:
        return None  # the distance limit already narrows the statement as much
    return radius


# The tag index (PostgreSQL): each tag's points moved 360 degrees times a bucket of the tag's
# hash east, so that one GiST index gives the nearest offers of one tag (other buckets lie at
# least 300 degrees away). The walk has no condition on the tag: a tag sharing the bucket may
# add a few of its own offers, ranked like any other (the first pass only needs good
# candidates); with one, the (tag, latitude, longitude) index could serve it, and the planner
# read every offer of the tag from it and sorted them all (that index holds the entry and is
# all-visible after a rebuild, which made it look cheaper than the walk).
TAG_POINT = "point({0}.longitude + 360 * (hashtext({0}.tag) & 4095), {0}.latitude)"
TAG_ORIGIN = "point(%s + 360 * (hashtext(wanted.name) & 4095), %s)"


def nearest_sql(plan: QueryPlan, wanted: int) -> tuple[str, list[Any]]:
    """PostgreSQL: the `wanted` best (id, score) of the NEAR_OFFERS nearest offers that pass the
    plan's filters (`general_sql`) and of the NEAR_TAG_OFFERS nearest of each tag of the
    person's needs (`walked_tags`; GiST indexes, read in distance order), each row with the
    distance in degrees of the farthest of the former, how many there are and how many of them
    lie within the distance limit; one row of these alone (id NULL) when none is ranked."""
    assert plan.origin is not None
    table, where = _filtered(plan)
    general, general_params = general_sql(plan, max(NEAR_OFFERS, wanted))
    score = score_expression(plan)
    tags = connection.ops.quote_name(OfferIndexTag._meta.db_table)
    sql = (
        f"WITH general AS MATERIALIZED ({general}),"  # noqa: S608  # nosec B608
        " tagged AS (SELECT entry_id AS near_id FROM unnest(%s::varchar[]) AS wanted (name)"
        f" CROSS JOIN LATERAL (SELECT {tags}.entry_id FROM {tags}"
        f" ORDER BY {TAG_POINT.format(tags)} <-> {TAG_ORIGIN} LIMIT %s) nearest)"
        " SELECT ranked.id, ranked.score, walk.* FROM (SELECT MAX(gap), COUNT(*),"
        " COUNT(*) FILTER (WHERE within) FROM general) walk LEFT JOIN"
        f" (SELECT id, key, {' '.join(score.parts)} AS score FROM {table}"
        f" WHERE {' AND '.join(where.parts)}"
        " AND id IN (SELECT near_id FROM general UNION SELECT near_id FROM tagged)"
        " ORDER BY score DESC, key ASC LIMIT %s) ranked ON TRUE"
        " ORDER BY ranked.score DESC, ranked.key ASC"
    )
    return sql, [
        *general_params,
        *[walked_tags(plan), plan.origin[1], plan.origin[0], max(NEAR_TAG_OFFERS, wanted)],
        *[*score.params, *where.params, wanted],
    ]


def walked_tags(plan: QueryPlan) -> list[str]:
    """The tags whose nearest offers the first pass ranks (they raise the score a far offer
    must reach): those of the person's needs, none with a keyword, whose matches are few among
    a tag's nearest offers (walking them cost more than it saved: at 200,000 offers a keyword's
    p95 within 50 km 18.1 -> 14.2 ms in process)."""
    if plan.terms:
        return []
    needs = [item.need.category for item in plan.needs]
    return offer_tags(needs, False) + offer_tags(needs, True)


def general_sql(plan: QueryPlan, near: int) -> tuple[str, list[Any]]:
    """The `near` nearest offers that pass the plan's filters but its distance limit, read
    through the GiST index of points, with their distance in degrees and whether each lies
    within the limit. With it, the planner would read every offer in the limit's box rather
    than walk the index and stop at the `near`-th; so past the limit every offer is taken
    untested, which ends the walk there (a first pass that reaches past the limit read every
    offer within it)."""
    assert plan.origin is not None
    table, unlimited = _filtered(dataclasses.replace(plan, max_distance_km=None))
    located = " AND ".join([*unlimited.parts, "latitude IS NOT NULL AND longitude IS NOT NULL"])
    gap = "point(longitude, latitude) <-> point(%s, %s)"
    origin = [plan.origin[1], plan.origin[0]]
    within, within_params = within_limit_sql(plan)
    walked, walked_params = located, unlimited.params
    if plan.max_distance_km is not None:
        beyond = walked_degrees(plan.origin, plan.max_distance_km)
        walked, walked_params = f"({gap} > %s OR ({located}))", [*origin, beyond, *walked_params]
    sql = (
        f"SELECT id AS near_id, {gap} AS gap, {within} AS within FROM {table}"  # noqa: S608  # nosec B608
        f" WHERE {walked} ORDER BY gap LIMIT %s"
    )
    return sql, [*origin, *within_params, *walked_params, near]


def walked_km(origin: tuple[float, float], degrees: float) -> float:
    """The radius in km within which a walk in distance order that reached `degrees` (the
    distance of points in degrees) read every offer: a degree is at least a degree of longitude
    long, less a margin for rounding."""
    _lat_scale, lon_scale = degree_scales(origin[0])
    return degrees * lon_scale * (1 - NEAR_MARGIN)


def walked_degrees(origin: tuple[float, float], km: float) -> float:
    """How far in degrees a walk must reach for `walked_km` to cover `km` (its inverse)."""
    _lat_scale, lon_scale = degree_scales(origin[0])
    return km / lon_scale / (1 - NEAR_MARGIN)


def distance_reach_km(plan: QueryPlan, needed: float) -> float:
    """How far an offer can be whose distance part is still at least `needed`: math.inf when
    any distance will do, -1 when none."""
    needed -= BOUND_MARGIN
    weight = plan.weights["distance"]
    if needed <= weight * math.exp(MIN_DISTANCE_EXPONENT):
        return math.inf
    if needed > weight:
        return -1.0
    km = distance_scale_km() * math.sqrt(math.log(needed / weight) / math.log(DISTANCE_DECAY))
    while distance_factor(km) * weight >= needed:  # float rounding: err on the far side
        km = km * 1.000001 + 1e-6
    return km


def far_tags(plan: QueryPlan, threshold: float) -> dict[str, float]:
    """For each tag, how far its offers may lie and still reach `threshold`."""
    text = max(plan.weights["text"], 0.0) if plan.terms else 0.0
    funded = text + max(plan.weights["funding"], 0.0)
    reach: dict[str, float] = {}
    for size in range(1, len(plan.needs) + 1):
        for subset in combinations(plan.needs, size):
            weight = sum(item.weight for item in subset)
            names = sorted(item.need.category for item in subset)
            name = "&".join(names[:2])
            for tag, extra in ((name, text), (name + FUNDED_MARK, funded)):
                km = distance_reach_km(plan, threshold - weight - extra)
                reach[tag] = max(reach.get(tag, -1.0), km)
    return reach


def terms_filter(plan: QueryPlan) -> Sql:
    """Tag rows whose masks may hold one of the plan's terms (no condition without one)."""
    clauses, bits = [], []
    for term in plan.terms:
        bit = term_bit(term)
        clauses.append(f"({'terms_low' if bit < 64 else 'terms_high'} & %s) <> 0")
        bits.append(signed_word(1 << (bit % 64)))
    where = Sql()
    if clauses:
        where.add(f"({' OR '.join(clauses)})", *bits)
    return where


def candidate_sql(
    plan: QueryPlan, near_km: float, near_ids: list[int], threshold: float
) -> tuple[Sql | None, bool]:
    """`id IN (...)`: the first pass's page (`near_ids`) and the offers beyond its radius that
    can still score `threshold` (None: every offer can), and whether there are any of the
    latter. Offers within the radius that pass the filters were all ranked by the first pass:
    only the ring beyond it is read."""
    assert plan.origin is not None
    text = max(plan.weights["text"], 0.0) if plan.terms else 0.0
    limit_km = plan.max_distance_km or math.inf
    funded = text + max(plan.weights["funding"], 0.0)
    unmet = min(limit_km, distance_reach_km(plan, threshold - funded))
    if unmet == math.inf:
        return None, True
    entries = connection.ops.quote_name(OfferIndexEntry._meta.db_table)
    ids = ", ".join(["%s"] * len(near_ids))
    sql = Sql()
    sql.add(f"id IN (SELECT id FROM {entries} WHERE id IN ({ids})", *near_ids)  # noqa: S608  # nosec B608
    beyond = unmet > near_km
    if beyond:  # offers that meet no need still reach beyond the first pass: read them all
        ring = ring_sql(plan.origin, near_km, unmet)
        where = " AND ".join(ring.parts)
        sql.add(f"UNION ALL SELECT id FROM {entries} WHERE {where}", *ring.params)  # noqa: S608  # nosec B608
    tags = connection.ops.quote_name(OfferIndexTag._meta.db_table)
    terms = terms_filter(plan)
    for tag, km in far_tags(plan, threshold).items():
        km = min(km, limit_km)
        if km <= near_km and km < math.inf:  # unlocated offers lie beyond any first pass
            continue
        beyond = True
        ring = ring_sql(plan.origin, near_km, km) if km < math.inf else Sql()
        where = " AND ".join(["tag = %s", *ring.parts, *terms.parts])
        read = f"UNION ALL SELECT entry_id FROM {tags} WHERE {where}"  # noqa: S608  # nosec B608
        sql.add(read, tag, *ring.params, *terms.params)
    sql.add(")")
    return sql, beyond


def ring_sql(origin: tuple[float, float], inner_km: float, outer_km: float) -> Sql:
    """Offers beyond `inner_km` in the bounding box of a disk of `outer_km`, read through a
    (latitude, longitude) index (the point is tested on each offer the box holds)."""
    ring = box_sql(origin, outer_km)
    squared, params = squared_distance(origin, 1.0)
    ring.add(f"{squared} > %s", *params, inner_km**2)
    return ring


def box_sql(origin: tuple[float, float], km: float, *, through_points: bool = False) -> Sql:
    """Offers in the bounding box of a disk. `through_points`, on PostgreSQL, reads them through
    the GiST index of points (migration 0011): only the box's offers, where the (latitude,
    longitude) index reads the box's whole band of latitude, but with a fixed guess of their
    number (0.1 % of the index) that misleads the planner of a statement with subqueries; its
    tolerance of 1e-6 degrees only adds offers that the distance filter then drops."""
    (south, north), (west, east) = bounding_box(origin, km)
    sql = Sql()
    if through_points and connection.vendor == "postgresql":
        sql.add(
            "point(longitude, latitude) <@ box(point(%s, %s), point(%s, %s))",
            *(west, south, east, north),
        )
    else:
        sql.add(
            "latitude BETWEEN %s AND %s AND longitude BETWEEN %s AND %s",
            *(south, north, west, east),
        )
    return sql


def count_sql(plan: QueryPlan, cap: int) -> tuple[str, list[Any]]:
    """How many offers a plan matches, counting no further than `cap` + 1 (stops early)."""
    table, where = _filtered(plan, through_points=True)
    sql = (
        f"SELECT COUNT(*) FROM (SELECT 1 FROM {table}"  # noqa: S608  # nosec B608
        f" WHERE {' AND '.join(where.parts)} LIMIT %s) counted"
    )
    return sql, [*where.params, cap + 1]


def count_cap(plan: QueryPlan) -> int:
    """Beyond this many matches the total is shown as "N+": counting them all costs a scan.
    A keyword's matches are few among the offers read (most lack its terms), so counting them
    all reads every offer within the distance, as many more as the index is larger: its count
    stops sooner (its page is ranked as any other)."""
    if plan.terms:
        return int(getattr(settings, "MATCHING_KEYWORD_COUNT_CAP", KEYWORD_COUNT_CAP))
    return int(getattr(settings, "MATCHING_COUNT_CAP", COUNT_CAP))


class FirstPass(NamedTuple):
    """The narrowed ranking's first pass: its best rows, the radius within which it read every
    located offer that passes the plan's filters, and how many of these lie within the
    distance limit (a lower bound of the total)."""

    rows: list[tuple]
    near_km: float
    matched: int


class Ranking(NamedTuple):
    """A page's (id, score) rows, and what ranking them learnt of the total: at least `matched`
    offers match, exactly that many when `exact`."""

    rows: list[tuple]
    matched: int = 0
    exact: bool = False


class InsertLoader:
    """SQLite's rebuild: the index emptied and filled again by INSERTs in the rebuild's
    transaction (readers keep reading the old rows until it commits)."""

    work = staticmethod(batch_tokens)

    def start(self) -> None:
        with connection.cursor() as cursor:
            for model in (OfferIndexTag, OfferIndexDocument, OfferIndexEntry):
                table = connection.ops.quote_name(model._meta.db_table)
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608  # nosec B608

    def arguments(self, batch: list[IndexedDocument]) -> tuple:
        """Only what the terms are made of crosses to the workers (pickling whole documents
        cost the writing process as much as writing them)."""
        return ([search_text(vars(item.document)) for item in batch],)

    def load(self, batch: list[IndexedDocument], tokens: list[str]) -> None:
        save_entries(batch, tokens=tokens)

    def finish(self) -> None:
        """Nothing is left: the rows are in place."""


SWAPPED = (OfferIndexEntry, OfferIndexDocument, OfferIndexTag)
COPY_COLUMNS = (COPY_ENTRY_COLUMNS, COPY_DOCUMENT_COLUMNS, COPY_TAG_COLUMNS)
SHADOW = "{}__rebuild"
SHADOW_LIKE = "INCLUDING ALL EXCLUDING INDEXES"
# Bands of latitude about 5.5 km wide, each in order of longitude (unlocated offers last).
PLACE_ORDER = "floor(latitude * 20), longitude, id"
# The constraints (primary keys, unique, foreign keys), the other indexes and the sequences of
# tables, with their definitions (PostgreSQL's catalogs).
SCHEMA_SQL = """
SELECT cls.relname, con.contype::text, con.conname, pg_get_constraintdef(con.oid)
FROM pg_constraint con JOIN pg_class cls ON cls.oid = con.conrelid
WHERE con.conrelid = ANY(%(tables)s::regclass[]) AND con.contype IN ('p', 'u', 'f')
UNION ALL
SELECT tbl.relname, 'i', idx.relname, pg_get_indexdef(ind.indexrelid)
FROM pg_index ind JOIN pg_class idx ON idx.oid = ind.indexrelid
JOIN pg_class tbl ON tbl.oid = ind.indrelid
WHERE ind.indrelid = ANY(%(tables)s::regclass[]) AND NOT EXISTS (
    SELECT 1 FROM pg_constraint con
    WHERE con.conindid = ind.indexrelid AND con.conrelid = ind.indrelid)
UNION ALL
SELECT tbl.relname, 'S', seq.relname, ''
FROM pg_depend dep JOIN pg_class seq ON seq.oid = dep.objid AND seq.relkind = 'S'
JOIN pg_class tbl ON tbl.oid = dep.refobjid
WHERE dep.refobjid = ANY(%(tables)s::regclass[]) AND dep.deptype IN ('a', 'i')
"""
INDEX_DEFINITION = re.compile(r"(CREATE (?:UNIQUE )?INDEX) \S+ ON (?:ONLY )?\S+ (USING .+)", re.S)
REFERENCES = re.compile(r" REFERENCES (?:[^\s(]+\.)?\"?([^\s(\"]+)\"?\(")


class ShadowLoader:
    """PostgreSQL's rebuild: the rows are copied into new tables without indexes (shadows of
    the index's three tables); their constraints and indexes are then built in bulk, with the
    definitions of the current ones, and the shadows take the tables' places and names, all in
    the rebuild's transaction. Readers read the old tables until the swap, whose DROP waits for
    them and holds them for the renames only; writers (`upsert`, `remove`) wait for the rebuild
    and then write to the new tables. Bulk index builds and one check of each foreign key cost
    PostgreSQL about half of what maintaining them row by row did.

    The ranking rows are copied into a temporary table first and written to their shadow in
    order of place (`PLACE_ORDER`): a ranking reads the nearest offers one by one through the
    GiST index, and neighbours then share pages (at 200,000 offers a keyword's p95 within 50
    km 18.3 -> 16.1 ms, for half a second more of rebuild). Offers indexed later are appended
    wherever there is room, until the next rebuild."""

    work = staticmethod(copy_batch)
    staging = "matching_rebuild_entries"

    def __init__(self) -> None:
        self.tables = {
            str(model._meta.db_table): SHADOW.format(model._meta.db_table) for model in SWAPPED
        }
        self.indexed_at = timezone.now().isoformat()
        self.submitted = 0
        self.schema: list[tuple[str, str, str, str]] = []

    def start(self) -> None:
        quote = connection.ops.quote_name
        old = ", ".join(quote(table) for table in self.tables)
        entries = quote(self.tables[OfferIndexEntry._meta.db_table])
        statements = [
            f"LOCK TABLE {old} IN EXCLUSIVE MODE",
            *(
                f"CREATE TABLE {quote(shadow)} (LIKE {quote(table)} {SHADOW_LIKE})"
                for table, shadow in self.tables.items()
            ),
            f"CREATE TEMPORARY TABLE {quote(self.staging)} (LIKE {entries})",
        ]
        with connection.cursor() as cursor:
            cursor.execute("; ".join(statements))
            cursor.execute(SCHEMA_SQL, {"tables": [*self.tables, *self.tables.values()]})
            self.schema = cursor.fetchall()

    def arguments(self, batch: list[IndexedDocument]) -> tuple:
        """The batch's first entry id (ids count from 1 in the new table), its documents' fields
        (plain dicts cross to the workers at a third of the documents' cost)."""
        first = self.submitted + 1
        self.submitted += len(batch)
        return (first, [vars(item.document) for item in batch], self.indexed_at)

    def load(self, batch: list[IndexedDocument], rows: CopyBatch) -> None:
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for model, columns, data in zip(SWAPPED, COPY_COLUMNS, rows, strict=True):
                names = ", ".join(quote(column) for column in columns)
                table = quote(self.loaded_into(model))
                # FREEZE: the new table's pages start all-visible (index-only scans read no
                # table page) and frozen (no vacuum needed); it was created in this transaction.
                with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN (FREEZE)") as copy:
                    copy.write(data)

    def loaded_into(self, model: type[models.Model]) -> str:
        """The table a model's rows are copied into: its shadow, or the staging table."""
        if model is OfferIndexEntry:
            return self.staging
        return self.tables[model._meta.db_table]

    def finish(self) -> None:
        """Build the shadows' constraints and indexes, then put them in the tables' places."""
        quote = connection.ops.quote_name
        entries = quote(self.tables[OfferIndexEntry._meta.db_table])
        ordered = [
            f"INSERT INTO {entries} SELECT * FROM {quote(self.staging)} ORDER BY {PLACE_ORDER}",  # noqa: S608  # nosec B608
            f"DROP TABLE {quote(self.staging)}",
        ]
        with connection.cursor() as cursor:
            cursor.execute("; ".join([*ordered, *self.build_statements(), *self.swap_statements()]))

    def objects(self, *kinds: str) -> list[tuple[str, str, str, str]]:
        """The tables' constraints, indexes or sequences (by kind), each with the name under
        which it is built on the shadow until the swap."""
        return [
            (table, name, definition, f"matching_rebuild_{number}")
            for number, (table, kind, name, definition) in enumerate(self.schema)
            if kind in kinds and table in self.tables
        ]

    def build_statements(self) -> list[str]:
        """The shadows' keys, indexes and foreign keys (built in bulk), their statistics, and
        the new entries' sequence past the ids drawn."""
        quote = connection.ops.quote_name
        shadow = {table: quote(name) for table, name in self.tables.items()}
        entries = shadow[OfferIndexEntry._meta.db_table]
        return [
            f"SELECT setval(pg_get_serial_sequence('{entries}', 'id'), {max(self.submitted, 1)},"
            f" {'true' if self.submitted else 'false'})",
            *(
                f"ALTER TABLE {shadow[table]} ADD CONSTRAINT {quote(temporary)} {definition}"
                for table, _name, definition, temporary in self.objects("p", "u")
            ),
            *(
                shadow_index(definition, quote(temporary), shadow[table])
                for table, _name, definition, temporary in self.objects("i")
            ),
            *(
                f"ALTER TABLE {shadow[table]} ADD CONSTRAINT {quote(name)}"
                f" {referencing(definition, shadow)}"
                for table, name, definition, _temporary in self.objects("f")
            ),
            *(f"ANALYZE {shadow[table]}{analyzed_columns(table)}" for table in self.tables),
        ]

    def swap_statements(self) -> list[str]:
        """The old tables dropped, the shadows renamed to their names, with theirs for the
        constraints, indexes and sequences. The foreign keys' checks still deferred in the
        transaction (writes before the rebuild) are made first: a table with pending checks
        cannot be dropped; they are deferred again afterwards, as Django declares them."""
        quote = connection.ops.quote_name
        sequences = {table: name for table, kind, name, _ in self.schema if kind == "S"}
        foreign = ", ".join(quote(name) for _table, name, _def, _temporary in self.objects("f"))
        return [
            *([f"SET CONSTRAINTS {foreign} IMMEDIATE"] if foreign else []),
            f"DROP TABLE {', '.join(quote(table) for table in self.tables)}",
            *(
                f"ALTER TABLE {quote(shadow)} RENAME TO {quote(table)}"
                for table, shadow in self.tables.items()
            ),
            *(
                f"ALTER TABLE {quote(table)} RENAME CONSTRAINT {quote(temporary)} TO {quote(name)}"
                for table, name, _definition, temporary in self.objects("p", "u")
            ),
            *(
                f"ALTER INDEX {quote(temporary)} RENAME TO {quote(name)}"
                for _table, name, _definition, temporary in self.objects("i")
            ),
            *(
                f"ALTER SEQUENCE {quote(sequences[shadow])} RENAME TO {quote(sequences[table])}"
                for table, shadow in self.tables.items()
                if table in sequences and shadow in sequences
            ),
            *([f"SET CONSTRAINTS {foreign} DEFERRED"] if foreign else []),
        ]


# Columns no statement filters, sorts or joins on, left out of the rebuild's ANALYZE: sampling
# the documents' JSON was a third of its time (autovacuum's later ANALYZE still reads them).
UNANALYZED = {OfferIndexDocument._meta.db_table: {"document"}}


def analyzed_columns(table: str) -> str:
    """The column list of a table's ANALYZE ("" for every column)."""
    skipped = UNANALYZED.get(table)
    if not skipped:
        return ""
    model = next(model for model in SWAPPED if model._meta.db_table == table)
    quote = connection.ops.quote_name
    columns = [str(field.column) for field in model._meta.concrete_fields]
    return f" ({', '.join(quote(column) for column in columns if column not in skipped)})"


def shadow_index(definition: str, name: str, table: str) -> str:
    """An index's definition (`pg_get_indexdef`) under another name, on another table."""
    match = INDEX_DEFINITION.fullmatch(definition)
    if match is None:
        raise DatabaseError(f"Unexpected index definition: {definition}")
    return f"{match[1]} {name} ON {table} {match[2]}"


def referencing(definition: str, shadows: dict[str, str]) -> str:
    """A foreign key's definition (`pg_get_constraintdef`) referencing the shadow of a table
    that is swapped (unchanged when it references another table)."""
    match = REFERENCES.search(definition)
    if match is None or match[1] not in shadows:
        return definition
    return (
        f"{definition[: match.start()]} REFERENCES {shadows[match[1]]}({definition[match.end() :]}"
    )


class DatabaseBackend(SearchBackend):
    """The default backend: the offer index in the project's own database (SQLite or PostgreSQL)."""

    name = "database"

    def search(self, plan: QueryPlan) -> MatchResult:
        try:
            rows, total = self._page(plan)
        except DatabaseError as error:
            raise SearchUnavailable(str(error)) from error
        hits = []
        for data, tokens in rows:
            document = document_from(data)
            matched = tuple(term for term in plan.terms if f" {term} " in tokens)
            parts = score_parts(document, plan, matched)
            hits.append(Hit(document=document, score=total_score(parts), parts=parts))
        cap = count_cap(plan)
        return MatchResult(
            hits=tuple(hits),
            total=min(total, cap),
            total_capped=total > cap,
            backend=self.name,
            weights=plan.decimal_weights(),
            warnings=plan.warnings,
        )

    def _page(self, plan: QueryPlan) -> tuple[list[tuple[dict, str]], int]:
        """The documents of the page (and their search terms), and the total matched."""
        ranking = self._ranking(plan)
        rows = ranking.rows
        if (rows and len(rows) < plan.limit) or not (rows or plan.offset):
            total = plan.offset + len(rows)  # the last page: no need to count
        elif ranking.exact or ranking.matched > count_cap(plan):
            total = ranking.matched  # the first pass counted them
        else:
            total = self._fetch(*count_sql(plan, count_cap(plan)))[0][0]
        documents = {
            entry_id: (data, tokens)
            for entry_id, data, tokens in OfferIndexDocument.objects.filter(
                entry_id__in=[row[0] for row in rows]
            ).values_list("entry_id", "document", "entry__search_tokens")
        }
        return [documents[row[0]] for row in rows], total

    def ranked(self, plan: QueryPlan) -> list[tuple]:
        """The (id, score) rows of the page: narrowed when the plan allows, else every offer."""
        return self._ranking(plan).rows

    def _ranking(self, plan: QueryPlan) -> Ranking:
        """The page's rows, and what ranking them learnt of the total."""
        near_km = near_radius_km(plan)
        if near_km is not None and index_is_large():
            ranking = self._narrowed(plan, near_km)
            if ranking is not None:
                return ranking
        return Ranking(self._fetch(*ranking_sql(plan)))

    def _narrowed(self, plan: QueryPlan, near_km: float) -> Ranking | None:
        """The page ranked over the candidates only (None when they cannot be narrowed)."""
        wanted = plan.offset + plan.limit
        first = self.first_pass(plan, near_km)
        near, matched = first.rows, first.matched
        if plan.max_distance_km is not None and first.near_km >= plan.max_distance_km:
            # it read every offer within the distance limit: the page, and every match
            return Ranking(near[plan.offset :], matched, exact=True)
        if len(near) < wanted:
            return None
        ids = [row[0] for row in near]
        candidates, beyond = candidate_sql(plan, first.near_km, ids, near[-1][1])
        if candidates is None:
            return None
        if not beyond:
            return Ranking(near[plan.offset :], matched)  # no far offer can enter the page
        return Ranking(self._fetch(*ranking_sql(plan, candidates)), matched)

    def first_pass(self, plan: QueryPlan, near_km: float) -> FirstPass:
        """The best `offset + limit` (id, score) rows near the person, the radius within which
        the pass read every located offer that passes the plan's filters, and how many of
        those it found within the distance limit (none counted on SQLite)."""
        assert plan.origin is not None
        wanted = plan.offset + plan.limit
        if not nearest_first(plan):
            rows = self._fetch(*ranking_sql(plan, box_sql(plan.origin, near_km), wanted, 0))
            return FirstPass(rows, near_km, 0)
        rows = self._fetch(*nearest_sql(plan, wanted))
        _id, _score, gap, read, matched = rows[0]  # the walk's figures, even with no row ranked
        pairs = [row[:2] for row in rows if row[0] is not None]
        if read < max(NEAR_OFFERS, wanted):
            return FirstPass(pairs, math.inf, matched)  # every located offer was read
        return FirstPass(pairs, walked_km(plan.origin, gap), matched)

    def _fetch(self, sql: str, params: list[Any]) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def upsert(self, documents: list[IndexedDocument]) -> None:
        latest = list({item.key: item for item in documents}.values())
        with transaction.atomic():
            lock_keys([item.key for item in latest])
            save_entries(latest, replace=True)

    def remove(self, keys: list[str]) -> None:
        OfferIndexEntry.objects.filter(key__in=keys).delete()

    def rebuild(self, documents: Iterable[IndexedDocument], progress: Progress | None) -> int:
        loaded = 0
        iterator = iter(documents)
        loader = ShadowLoader() if connection.vendor == "postgresql" else InsertLoader()
        processes = int(getattr(settings, "MATCHING_INDEX_PROCESSES", 0) or os.cpu_count() or 1)
        with transaction.atomic(), Workers(processes, loader.work) as workers:
            loader.start()
            while batch := list(islice(iterator, BATCH_SIZE)):
                for done, result in workers.submit(batch, loader.arguments(batch)):
                    loaded += self._load(loader, done, result, progress)
            for done, result in workers.drain():
                loaded += self._load(loader, done, result, progress)
            loader.finish()
        return loaded

    def _load(self, loader, batch: list, result: Any, progress: Progress | None) -> int:
        loader.load(batch, result)
        if progress:
            progress(len(batch))
        return len(batch)

    def fingerprints(self) -> dict[str, str]:
        return dict(OfferIndexDocument.objects.values_list("entry__key", "fingerprint"))

    def counts(self) -> dict[str, int]:
        rows = OfferIndexEntry.objects.values("kind").annotate(count=Count("id")).order_by("kind")
        return {row["kind"]: row["count"] for row in rows}
