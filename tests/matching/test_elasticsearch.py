"""The Elasticsearch backend's mapping and query bodies, checked without a server."""

from datetime import date

import pytest

from matching.backends.base import IndexedDocument, fingerprint
from matching.backends.elasticsearch import (
    ElasticsearchBackend,
    OfferEntry,
    document_from,
    source_from,
)
from matching.ranking import plan_query
from matching.types import MatchQuery, Need
from tests.factories.matching import OfferDocumentFactory, PersonProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend():
    return ElasticsearchBackend(url="http://127.0.0.1:9", prefix="unit")


def body(backend, **query) -> dict:
    return backend.build_search(plan_query(MatchQuery(**query))).to_dict()


def test_mapping_uses_cjk_text_keywords_and_a_geo_point():
    properties = OfferEntry._doc_type.mapping.to_dict()["properties"]
    assert properties["search_text"] == {"type": "text", "analyzer": "cjk"}
    assert properties["title"] == {"type": "text", "analyzer": "cjk"}
    assert properties["location"] == {"type": "geo_point"}
    for field in ("kind", "categories", "genders", "correction_types", "service_area"):
        assert properties[field] == {"type": "keyword"}
    assert properties["valid_until"] == {"type": "date"}
    assert properties["seats_left"] == {"type": "integer"}
    assert properties["funded_by_contract"] == {"type": "boolean"}


def test_searches_go_through_the_alias(backend):
    assert backend.alias == "unit-offers"
    assert backend.build_search(plan_query(MatchQuery()))._index == ["unit-offers"]


def test_query_is_a_summed_function_score_with_weighted_functions(backend):
    person = PersonProfileFactory(needs=(Need("psychological-counseling", 4),))
    function_score = body(backend, person=person)["query"]["function_score"]
    assert function_score["score_mode"] == "sum"
    assert function_score["boost_mode"] == "sum"
    functions = function_score["functions"]
    assert functions[0] == {
        "filter": {"term": {"categories": "psychological-counseling"}},
        "weight": 0.5,
    }
    assert functions[1] == {"filter": {"term": {"funded_by_contract": True}}, "weight": 0.1}
    gauss = functions[2]
    assert gauss["weight"] == 0.25
    assert gauss["filter"] == {"exists": {"field": "location"}}
    assert gauss["gauss"]["location"] == {
        "origin": {"lat": 34.748, "lon": 113.612},
        "scale": "25.0km",
        "decay": 0.5,
    }
    assert functions[3] == {"script_score": {"script": {"source": "0"}}}


def test_needs_weights_follow_priorities(backend):
    person = PersonProfileFactory(
        needs=(Need("psychological-counseling", 3), Need("legal-education", 1))
    )
    functions = body(backend, person=person)["query"]["function_score"]["functions"]
    assert [function["weight"] for function in functions[:2]] == [0.375, 0.125]


def test_person_without_location_has_no_distance_function(backend):
    person = PersonProfileFactory(jurisdiction_code="", latitude=None, longitude=None)
    functions = body(backend, person=person)["query"]["function_score"]["functions"]
    assert not any("gauss" in function for function in functions)


def test_eligibility_and_availability_are_filter_clauses(backend):
    person = PersonProfileFactory(gender="female", age=20, jurisdiction_code="410102001")
    query = body(backend, person=person, on_date=date(2026, 6, 1))["query"]
    filters = query["function_score"]["query"]["bool"]["filter"]
    missing = {"bool": {"must_not": [{"exists": {"field": "genders"}}]}}
    assert {
        "bool": {"should": [missing, {"term": {"genders": "female"}}], "minimum_should_match": 1}
    } in filters
    assert {"term": {"accepts_adults": True}} in filters
    area = {"terms": {"service_area": ["41", "4101", "410102", "410102001"]}}
    assert any(area in clause.get("bool", {}).get("should", []) for clause in filters)
    assert any(
        {"range": {"valid_until": {"gte": "2026-06-01"}}} in clause["bool"]["should"]
        for clause in filters
        if "should" in clause.get("bool", {})
    )
    assert any(
        {"range": {"seats_left": {"gt": 0}}} in clause.get("bool", {}).get("should", [])
        for clause in filters
    )


def test_juvenile_filters_on_accepts_juveniles(backend):
    person = PersonProfileFactory(is_juvenile=True, age=16)
    filters = body(backend, person=person)["query"]["function_score"]["query"]["bool"]["filter"]
    assert {"term": {"accepts_juveniles": True}} in filters


def test_anonymous_search_filters_only_on_availability(backend):
    filters = body(backend)["query"]["function_score"]["query"]["bool"]["filter"]
    assert len(filters) == 3


def test_choices_become_filters(backend):
    person = PersonProfileFactory()
    query = body(
        backend,
        person=person,
        kinds=("job",),
        categories=("legal-education",),
        funded_only=True,
        max_distance_km=30,
    )
    filters = query["query"]["function_score"]["query"]["bool"]["filter"]
    assert {"terms": {"kind": ["job"]}} in filters
    assert {"terms": {"categories": ["legal-education"]}} in filters
    assert {"term": {"funded_by_contract": True}} in filters
    assert {
        "geo_distance": {"distance": "30.0km", "location": {"lat": 34.748, "lon": 113.612}}
    } in filters


def test_keyword_becomes_named_constant_score_phrases_one_of_which_must_match(backend):
    query = body(backend, keyword="心理咨询")["query"]["function_score"]["query"]["bool"]
    [keyword] = query["must"]
    assert keyword["bool"]["minimum_should_match"] == 1
    clauses = keyword["bool"]["should"]
    assert [clause["constant_score"]["filter"] for clause in clauses] == [
        {"match_phrase": {"search_text": "心理"}},
        {"match_phrase": {"search_text": "咨询"}},
        {"match_phrase": {"search_text": "心理咨询"}},
    ]
    assert {clause["constant_score"]["_name"] for clause in clauses} == {
        "term:心理",
        "term:咨询",
        "term:心理咨询",
    }
    assert clauses[0]["constant_score"]["boost"] == pytest.approx(0.05)


def test_results_are_sorted_by_score_then_key_and_paged(backend):
    search = body(backend, offset=20, limit=10)
    assert search["sort"] == [{"_score": {"order": "desc"}}, {"key": {"order": "asc"}}]
    assert (search["from"], search["size"]) == (20, 10)
    assert search["track_total_hits"] is True


def test_document_round_trips_through_its_source():
    document = OfferDocumentFactory(
        service_area_codes=("410100",),
        genders=("male",),
        valid_from=date(2026, 1, 1),
        valid_until=date(2026, 12, 31),
        seats_left=3,
        languages=("zh",),
    )
    source = source_from(IndexedDocument(document=document))
    assert source["location"] == {"lat": 34.748, "lon": 113.612}
    assert source["service_area"] == ["4101"]
    assert source["fingerprint"] == fingerprint(document)
    assert document_from(source) == document
