"""Ranking rules: needs met by priority, distance, funding and keyword; parts add up."""

import pytest

from matching.selectors import offer_search
from matching.types import MatchQuery, Need
from tests.factories.matching import (
    JINSHUI,
    LUOYANG,
    OfferDocumentFactory,
    PersonProfileFactory,
    index_documents,
)

pytestmark = pytest.mark.django_db


def ranked(person, **query) -> list[str]:
    result = offer_search(query=MatchQuery(person=person, **query))
    return [hit.document.key for hit in result.hits]


def test_more_needs_met_ranks_higher(search_backend):
    one = OfferDocumentFactory(categories=("psychological-counseling",))
    two = OfferDocumentFactory(categories=("psychological-counseling", "legal-education"))
    index_documents(one, two)
    person = PersonProfileFactory(
        needs=(Need("psychological-counseling", 3), Need("legal-education", 3))
    )
    assert ranked(person) == [two.key, one.key]


def test_higher_priority_need_met_ranks_higher(search_backend):
    low = OfferDocumentFactory(categories=("legal-education",))
    high = OfferDocumentFactory(categories=("psychological-counseling",))
    index_documents(low, high)
    person = PersonProfileFactory(
        needs=(Need("legal-education", 1), Need("psychological-counseling", 5))
    )
    assert ranked(person) == [high.key, low.key]


def test_nearer_offer_ranks_higher(search_backend):
    far = OfferDocumentFactory(latitude=LUOYANG[1], longitude=LUOYANG[2])
    near = OfferDocumentFactory(latitude=JINSHUI[1], longitude=JINSHUI[2])
    index_documents(far, near)
    assert ranked(PersonProfileFactory()) == [near.key, far.key]


def test_funded_offer_gets_the_funding_bonus(search_backend):
    fee = OfferDocumentFactory()
    funded = OfferDocumentFactory(funded_by_contract=True)
    index_documents(fee, funded)
    result = offer_search(query=MatchQuery(person=PersonProfileFactory()))
    assert [hit.document.key for hit in result.hits] == [funded.key, fee.key]
    assert result.hits[0].score - result.hits[1].score == pytest.approx(0.1)


def test_needs_outweigh_distance(search_backend):
    near_unrelated = OfferDocumentFactory(categories=("legal-education",))
    far_needed = OfferDocumentFactory(latitude=LUOYANG[1], longitude=LUOYANG[2])
    index_documents(near_unrelated, far_needed)
    assert ranked(PersonProfileFactory())[0] == far_needed.key


def test_score_is_the_sum_of_its_parts(search_backend):
    index_documents(OfferDocumentFactory(title="心理咨询服务", funded_by_contract=True))
    hit = offer_search(query=MatchQuery(person=PersonProfileFactory(), keyword="心理"))
    [hit] = hit.hits
    assert hit.parts.needs_met == pytest.approx(0.5)
    assert hit.parts.distance == pytest.approx(0.25)
    assert hit.parts.funding == pytest.approx(0.1)
    assert hit.parts.text == pytest.approx(0.15)
    assert hit.score == pytest.approx(1.0)
    assert hit.parts.matched_needs == ("psychological-counseling",)
    assert hit.parts.distance_km == pytest.approx(0.0)


def test_distance_part_halves_at_the_scale(search_backend, settings):
    settings.MATCHING_DISTANCE_SCALE_KM = 110.0
    index_documents(OfferDocumentFactory(latitude=LUOYANG[1], longitude=LUOYANG[2]))
    [hit] = offer_search(query=MatchQuery(person=PersonProfileFactory(needs=()))).hits
    expected = 0.25 * 0.5 ** ((hit.parts.distance_km / 110.0) ** 2)
    assert hit.parts.distance_km == pytest.approx(106.7, abs=1.0)
    assert hit.parts.distance == pytest.approx(expected)


def test_weights_can_be_overridden_in_settings(search_backend, settings):
    settings.MATCHING_WEIGHTS = {"funding": 0.9}
    index_documents(OfferDocumentFactory(funded_by_contract=True))
    result = offer_search(query=MatchQuery(person=PersonProfileFactory()))
    assert result.hits[0].parts.funding == pytest.approx(0.9)
    assert str(result.weights["funding"]) == "0.9"


def test_person_without_needs_is_ranked_by_distance_and_funding(search_backend):
    far_funded = OfferDocumentFactory(
        funded_by_contract=True, latitude=LUOYANG[1], longitude=LUOYANG[2]
    )
    near = OfferDocumentFactory(latitude=JINSHUI[1], longitude=JINSHUI[2])
    farther = OfferDocumentFactory(latitude=LUOYANG[1], longitude=LUOYANG[2])
    index_documents(far_funded, near, farther)
    person = PersonProfileFactory(needs=())
    assert ranked(person) == [near.key, far_funded.key, farther.key]


def test_person_without_jurisdiction_gets_no_distance_part(search_backend):
    index_documents(OfferDocumentFactory())
    person = PersonProfileFactory(jurisdiction_code="", latitude=None, longitude=None)
    [hit] = offer_search(query=MatchQuery(person=person)).hits
    assert hit.parts.distance == 0.0
    assert hit.parts.distance_km is None


def test_person_location_falls_back_to_their_jurisdiction_centre(search_backend):
    index_documents(OfferDocumentFactory(latitude=34.8, longitude=113.6))
    person = PersonProfileFactory(jurisdiction_code="410102", latitude=None, longitude=None)
    [hit] = offer_search(query=MatchQuery(person=person)).hits
    assert hit.parts.distance_km is not None
    assert hit.parts.distance_km < 30


def test_offer_location_falls_back_to_its_jurisdiction_centre(search_backend):
    index_documents(OfferDocumentFactory(latitude=None, longitude=None, jurisdiction_code="410302"))
    [hit] = offer_search(query=MatchQuery(person=PersonProfileFactory())).hits
    assert 80 < hit.parts.distance_km < 140


def test_pages_follow_one_another_with_the_total(search_backend):
    documents = [OfferDocumentFactory(latitude=34.748 + i / 100) for i in range(5)]
    index_documents(*documents)
    first = offer_search(query=MatchQuery(person=PersonProfileFactory(), limit=2))
    last = offer_search(query=MatchQuery(person=PersonProfileFactory(), limit=2, offset=4))
    assert first.total == last.total == 5
    assert [hit.document.key for hit in first.hits] == [documents[0].key, documents[1].key]
    assert [hit.document.key for hit in last.hits] == [documents[4].key]
