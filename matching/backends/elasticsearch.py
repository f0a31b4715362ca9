"""The Elasticsearch backend: the offer index as an `elasticsearch.dsl` Document behind an alias.

Filters are `bool` filter clauses; the score is a `function_score` whose functions carry the
weights of `matching.ranking` (needs by priority, funding, a `gauss` decay on the location) and
whose query adds the keyword part (one constant-score `match_phrase` per jieba term on a `cjk`
analysed field), so both backends rank by the same rules. A rebuild loads a new timestamped
index and swaps the alias atomically, so searches never see a half-built index.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError
from elasticsearch.dsl import (
    Boolean,
    Date,
    Document,
    GeoPoint,
    Index,
    Integer,
    Keyword,
    Q,
    Search,
    Text,
)
from elasticsearch.dsl.function import SF
from elasticsearch.dsl.query import Query
from elasticsearch.helpers import BulkIndexError, bulk, scan, streaming_bulk

from django.conf import settings
from django.utils import timezone

from matching.backends.base import IndexedDocument, Progress, SearchBackend
from matching.exceptions import SearchUnavailable
from matching.ranking import (
    DISTANCE_DECAY,
    QueryPlan,
    distance_scale_km,
    normalize_area_code,
    score_parts,
    total_score,
)
from matching.types import Hit, MatchResult, OfferDocument

BATCH_SIZE = 1000
TERM_QUERY_PREFIX = "term:"
INDEX_SETTINGS = {"number_of_shards": 1, "number_of_replicas": 0}


class OfferEntry(Document):
    """The mapping of one offer in the Elasticsearch index."""

    key = Keyword()
    kind = Keyword()
    source_id = Integer()
    title = Text(analyzer="cjk")
    text = Text(analyzer="cjk")
    search_text = Text(analyzer="cjk")
    url = Keyword(index=False)
    provider_name = Text(analyzer="cjk", fields={"raw": Keyword()})
    organization_id = Integer()
    owner_user_id = Integer()
    categories = Keyword()
    jurisdiction_code = Keyword()
    location = GeoPoint()
    service_area_codes = Keyword()
    service_area = Keyword()
    genders = Keyword()
    min_age = Integer()
    max_age = Integer()
    accepts_adults = Boolean()
    accepts_juveniles = Boolean()
    correction_types = Keyword()
    supervision_levels = Keyword()
    schedule = Text(analyzer="cjk")
    valid_from = Date()
    valid_until = Date()
    seats_left = Integer()
    funded_by_contract = Boolean()
    languages = Keyword()
    fingerprint = Keyword()


def source_from(indexed: IndexedDocument) -> dict[str, Any]:
    """The `_source` of a document: its fields, a geo point, and its searchable text."""
    document = indexed.document
    text = " ".join([document.title, document.text, document.provider_name, document.schedule])
    source: dict[str, Any] = {
        "key": document.key,
        "kind": document.kind,
        "source_id": document.source_id,
        "title": document.title,
        "text": document.text,
        "search_text": text,
        "url": document.url,
        "provider_name": document.provider_name,
        "organization_id": document.organization_id,
        "owner_user_id": document.owner_user_id,
        "categories": list(document.categories),
        "jurisdiction_code": document.jurisdiction_code,
        "service_area_codes": list(document.service_area_codes),
        "service_area": [normalize_area_code(code) for code in document.service_area_codes],
        "genders": list(document.genders),
        "min_age": document.min_age,
        "max_age": document.max_age,
        "accepts_adults": document.accepts_adults,
        "accepts_juveniles": document.accepts_juveniles,
        "correction_types": list(document.correction_types),
        "supervision_levels": list(document.supervision_levels),
        "schedule": document.schedule,
        "valid_from": document.valid_from.isoformat() if document.valid_from else None,
        "valid_until": document.valid_until.isoformat() if document.valid_until else None,
        "seats_left": document.seats_left,
        "funded_by_contract": document.funded_by_contract,
        "languages": list(document.languages),
        "fingerprint": indexed.fingerprint,
    }
    if document.latitude is not None and document.longitude is not None:
        source["location"] = {"lat": document.latitude, "lon": document.longitude}
    return source


def document_from(source: dict[str, Any]) -> OfferDocument:
    """The document an index `_source` holds."""
    location = source.get("location") or {}
    return OfferDocument(
        key=source["key"],
        kind=source["kind"],
        source_id=source["source_id"],
        title=source["title"],
        text=source.get("text", ""),
        url=source.get("url", ""),
        provider_name=source.get("provider_name", ""),
        organization_id=source.get("organization_id"),
        owner_user_id=source.get("owner_user_id"),
        categories=tuple(source.get("categories", ())),
        jurisdiction_code=source.get("jurisdiction_code", ""),
        latitude=location.get("lat"),
        longitude=location.get("lon"),
        service_area_codes=tuple(source.get("service_area_codes", ())),
        genders=tuple(source.get("genders", ())),
        min_age=source.get("min_age"),
        max_age=source.get("max_age"),
        accepts_adults=source.get("accepts_adults", True),
        accepts_juveniles=source.get("accepts_juveniles", False),
        correction_types=tuple(source.get("correction_types", ())),
        supervision_levels=tuple(source.get("supervision_levels", ())),
        schedule=source.get("schedule", ""),
        valid_from=_date(source.get("valid_from")),
        valid_until=_date(source.get("valid_until")),
        seats_left=source.get("seats_left"),
        funded_by_contract=source.get("funded_by_contract", False),
        languages=tuple(source.get("languages", ())),
    )


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def _missing(field: str) -> Query:
    return Q("bool", must_not=[Q("exists", field=field)])


def _either(*clauses: Query) -> Query:
    return Q("bool", should=list(clauses), minimum_should_match=1)


def _any_or(field: str, value: str) -> Query:
    """Offers open to any value of a field, or naming this value."""
    return _either(_missing(field), Q("term", **{field: value})) if value else _missing(field)


def eligibility_filters(plan: QueryPlan) -> list[Query]:
    """What a person may join: gender, age, adult/juvenile, correction type, level, area."""
    person = plan.person
    if person is None:
        return []
    if person.age is None:
        ages = [_missing("min_age"), _missing("max_age")]
    else:
        ages = [
            _either(_missing("min_age"), Q("range", min_age={"lte": person.age})),
            _either(_missing("max_age"), Q("range", max_age={"gte": person.age})),
        ]
    area = _missing("service_area")
    if plan.prefixes:
        area = _either(area, Q("terms", service_area=list(plan.prefixes)))
    juvenile = "accepts_juveniles" if person.is_juvenile else "accepts_adults"
    return [
        _any_or("genders", person.gender),
        *ages,
        Q("term", **{juvenile: True}),
        _any_or("correction_types", person.correction_type),
        _any_or("supervision_levels", person.supervision_level),
        area,
    ]


def availability_filters(plan: QueryPlan) -> list[Query]:
    """Open offers: seats left (or unlimited) and valid on the plan's day."""
    today = plan.today.isoformat()
    return [
        _either(_missing("seats_left"), Q("range", seats_left={"gt": 0})),
        _either(_missing("valid_from"), Q("range", valid_from={"lte": today})),
        _either(_missing("valid_until"), Q("range", valid_until={"gte": today})),
    ]


def choice_filters(plan: QueryPlan) -> list[Query]:
    """The caseworker's choices: kinds, categories, funded only, distance limit."""
    filters = []
    if plan.kinds:
        filters.append(Q("terms", kind=list(plan.kinds)))
    if plan.categories:
        filters.append(Q("terms", categories=list(plan.categories)))
    if plan.query.funded_only:
        filters.append(Q("term", funded_by_contract=True))
    if plan.max_distance_km is not None and plan.origin is not None:
        origin = {"lat": plan.origin[0], "lon": plan.origin[1]}
        filters.append(Q("geo_distance", distance=f"{plan.max_distance_km}km", location=origin))
    return filters


def keyword_query(plan: QueryPlan) -> Query | None:
    """One named constant-score phrase per keyword term; at least one must match."""
    if not plan.terms:
        return None
    clauses = [
        Q(
            "constant_score",
            filter=Q("match_phrase", search_text=term),
            boost=plan.term_weight,
            _name=f"{TERM_QUERY_PREFIX}{term}",
        )
        for term in plan.terms
    ]
    return Q("bool", should=clauses, minimum_should_match=1)


def score_functions(plan: QueryPlan) -> list:
    """The weighted parts as functions: needs met, funding, and a gauss decay on distance."""
    functions = [
        SF({"filter": Q("term", categories=item.need.category), "weight": item.weight})
        for item in plan.needs
    ]
    functions.append(
        SF({"filter": Q("term", funded_by_contract=True), "weight": plan.weights["funding"]})
    )
    if plan.origin is not None:
        origin = {"lat": plan.origin[0], "lon": plan.origin[1]}
        decay = {"origin": origin, "scale": f"{distance_scale_km()}km", "decay": DISTANCE_DECAY}
        functions.append(
            SF(
                "gauss",
                location=decay,
                filter=Q("exists", field="location"),
                weight=plan.weights["distance"],
            )
        )
    # A document that no function matches would get a factor of 1; this zero-valued function
    # matches every document, so the factor is exactly the sum of the parts that apply.
    functions.append(SF("script_score", script={"source": "0"}))
    return functions


def ranking_query(plan: QueryPlan) -> Query:
    """The whole query: filters, keyword part, and the weighted functions summed into the score."""
    filters = eligibility_filters(plan) + availability_filters(plan) + choice_filters(plan)
    keyword = keyword_query(plan)
    base = Q("bool", filter=filters, must=[keyword] if keyword else [])
    return Q(
        "function_score",
        query=base,
        functions=score_functions(plan),
        score_mode="sum",
        boost_mode="sum",
    )


@contextmanager
def reachable() -> Iterator[None]:
    """Turn the client's connection and API errors into SearchUnavailable."""
    try:
        yield
    except (ApiError, TransportError, BulkIndexError) as error:
        raise SearchUnavailable(str(error)) from error


class ElasticsearchBackend(SearchBackend):
    """The offer index in Elasticsearch, chosen when ELASTICSEARCH_URL is set."""

    name = "elasticsearch"

    def __init__(self, url: str | None = None, prefix: str | None = None):
        self.client = Elasticsearch(
            url or settings.ELASTICSEARCH_URL, request_timeout=10, max_retries=1
        )
        self.alias = f"{prefix or settings.ELASTICSEARCH_INDEX_PREFIX}-offers"

    def build_search(self, plan: QueryPlan) -> Search:
        """The search request of a plan (also what the unit tests inspect)."""
        search = Search(using=self.client, index=self.alias).query(ranking_query(plan))
        search = search.sort({"_score": {"order": "desc"}}, {"key": {"order": "asc"}})
        return search.extra(track_total_hits=True)[plan.offset : plan.offset + plan.limit]

    def search(self, plan: QueryPlan) -> MatchResult:
        with reachable():
            response = self.build_search(plan).execute()
        hits = []
        for hit in response.hits:
            document = document_from(hit.to_dict())
            names = getattr(hit.meta, "matched_queries", None) or []
            matched = tuple(t for t in plan.terms if f"{TERM_QUERY_PREFIX}{t}" in names)
            parts = score_parts(document, plan, matched)
            hits.append(Hit(document=document, score=total_score(parts), parts=parts))
        return MatchResult(
            hits=tuple(hits),
            total=response.hits.total.value,
            total_capped=getattr(response.hits.total, "relation", "eq") == "gte",
            backend=self.name,
            weights=plan.decimal_weights(),
            warnings=plan.warnings,
        )

    def _new_index(self) -> Index:
        name = f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"
        index = Index(name, using=self.client)
        index.settings(**INDEX_SETTINGS)
        index.document(OfferEntry)
        index.create()
        return index

    def _ensure_alias(self) -> None:
        if not self.client.indices.exists_alias(name=self.alias):
            index = self._new_index()
            self.client.indices.put_alias(index=index._name, name=self.alias)

    def _actions(self, index: str, documents: Iterable[IndexedDocument]) -> Iterator[dict]:
        for indexed in documents:
            yield {"_index": index, "_id": indexed.key, "_source": source_from(indexed)}

    def upsert(self, documents: list[IndexedDocument]) -> None:
        with reachable():
            self._ensure_alias()
            bulk(self.client, self._actions(self.alias, documents), refresh="wait_for")

    def remove(self, keys: list[str]) -> None:
        with reachable():
            self._ensure_alias()
            actions = ({"_op_type": "delete", "_index": self.alias, "_id": key} for key in keys)
            bulk(self.client, actions, raise_on_error=False, refresh="wait_for")

    def rebuild(self, documents: Iterable[IndexedDocument], progress: Progress | None) -> int:
        with reachable():
            index = self._new_index()
            try:
                loaded = self._load(index._name, documents, progress)
            except Exception:
                index.delete()
                raise
            self._swap_alias(index._name)
            return loaded

    def _load(self, index: str, documents: Iterable[IndexedDocument], progress: Progress | None):
        loaded = 0
        actions = self._actions(index, documents)
        for ok, _item in streaming_bulk(self.client, actions, chunk_size=BATCH_SIZE):
            loaded += int(ok)
            if progress:
                progress(1)
        self.client.indices.refresh(index=index)
        return loaded

    def _swap_alias(self, index: str) -> None:
        try:
            old = list(self.client.indices.get_alias(name=self.alias).keys())
        except NotFoundError:
            old = []
        actions = [{"remove": {"index": name, "alias": self.alias}} for name in old]
        actions.append({"add": {"index": index, "alias": self.alias}})
        self.client.indices.update_aliases(actions=actions)
        for name in old:
            self.client.indices.delete(index=name)

    def fingerprints(self) -> dict[str, str]:
        with reachable():
            self._ensure_alias()
            query = {"_source": ["key", "fingerprint"], "query": {"match_all": {}}}
            rows = scan(self.client, index=self.alias, query=query)
            return {row["_source"]["key"]: row["_source"]["fingerprint"] for row in rows}

    def counts(self) -> dict[str, int]:
        with reachable():
            self._ensure_alias()
            search = Search(using=self.client, index=self.alias).extra(size=0)
            search.aggs.bucket("kinds", "terms", field="kind", size=100)
            response = search.execute()
            return {bucket.key: bucket.doc_count for bucket in response.aggregations.kinds.buckets}
