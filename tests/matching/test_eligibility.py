"""Eligibility, capacity and validity filters: an ineligible, full or expired offer never shows."""

from datetime import date, timedelta

import pytest

from matching.selectors import offer_search
from matching.types import MatchQuery
from tests.factories.matching import OfferDocumentFactory, PersonProfileFactory, index_documents

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 1)


def keys(person, **query) -> set[str]:
    result = offer_search(query=MatchQuery(person=person, on_date=TODAY, **query))
    return {hit.document.key for hit in result.hits}


@pytest.mark.parametrize(
    ("offer", "person", "eligible"),
    [
        ({"genders": ("female",)}, {"gender": "male"}, False),
        ({"genders": ("female",)}, {"gender": "female"}, True),
        ({"genders": ("female",)}, {"gender": ""}, False),
        ({"min_age": 18, "max_age": 25}, {"age": 26}, False),
        ({"min_age": 18, "max_age": 25}, {"age": 25}, True),
        ({"min_age": 30}, {"age": 29}, False),
        ({"max_age": 60}, {"age": 61}, False),
        ({"min_age": 18}, {"age": None}, False),
        ({}, {"age": None}, True),
        ({"accepts_juveniles": True, "accepts_adults": False}, {"is_juvenile": False}, False),
        ({"accepts_juveniles": True, "accepts_adults": False}, {"is_juvenile": True}, True),
        ({}, {"is_juvenile": True, "age": 16}, False),
        ({"correction_types": ("parole",)}, {"correction_type": "probation"}, False),
        ({"correction_types": ("parole", "probation")}, {"correction_type": "probation"}, True),
        ({"supervision_levels": ("lenient",)}, {"supervision_level": "strict"}, False),
        ({"supervision_levels": ("lenient",)}, {"supervision_level": "lenient"}, True),
    ],
)
def test_every_eligibility_dimension_is_enforced(search_backend, offer, person, eligible):
    document = OfferDocumentFactory(**offer)
    index_documents(document)
    assert (document.key in keys(PersonProfileFactory(**person))) is eligible


@pytest.mark.parametrize(
    ("offer", "shown"),
    [
        ({"seats_left": 0}, False),
        ({"seats_left": 1}, True),
        ({"seats_left": None}, True),
        ({"valid_until": TODAY - timedelta(days=1)}, False),
        ({"valid_until": TODAY}, True),
        ({"valid_from": TODAY + timedelta(days=1)}, False),
        ({"valid_from": TODAY}, True),
    ],
)
def test_full_expired_and_future_offers_never_show(search_backend, offer, shown):
    document = OfferDocumentFactory(**offer)
    index_documents(document)
    assert (document.key in keys(PersonProfileFactory())) is shown
    assert (document.key in keys(None)) is shown


@pytest.mark.parametrize(
    ("areas", "person_code", "served"),
    [
        (("410102",), "410102001", True),
        (("410102",), "410105", False),
        (("410100",), "410105", True),
        (("410100",), "410302", False),
        (("410102001",), "410102001", True),
        (("410102001",), "410102002", False),
        (("410102001",), "410102", False),
        ((), "410302", True),
        (("410102",), "", False),
    ],
)
def test_service_area_serves_persons_whose_jurisdiction_lies_inside(
    search_backend, areas, person_code, served
):
    document = OfferDocumentFactory(service_area_codes=areas)
    index_documents(document)
    person = PersonProfileFactory(jurisdiction_code=person_code)
    assert (document.key in keys(person)) is served


def test_anonymous_search_applies_no_eligibility_filter(search_backend):
    document = OfferDocumentFactory(genders=("female",), min_age=18, max_age=25)
    index_documents(document)
    assert document.key in keys(None)


def test_kinds_categories_and_funded_only_filter_the_results(search_backend):
    job = OfferDocumentFactory(kind="job", categories=("employment-guidance",))
    funded = OfferDocumentFactory(funded_by_contract=True)
    plain = OfferDocumentFactory(categories=("legal-education",))
    index_documents(job, funded, plain)
    person = PersonProfileFactory()
    assert keys(person, kinds=("job",)) == {job.key}
    assert keys(person, categories=("legal-education",)) == {plain.key}
    assert keys(person, funded_only=True) == {funded.key}


def test_distance_limit_excludes_far_and_unlocated_offers(search_backend):
    near = OfferDocumentFactory(latitude=34.776, longitude=113.660)
    far = OfferDocumentFactory(latitude=34.683, longitude=112.454)
    nowhere = OfferDocumentFactory(latitude=None, longitude=None, jurisdiction_code="")
    index_documents(near, far, nowhere)
    assert keys(PersonProfileFactory(), max_distance_km=20) == {near.key}
    assert keys(PersonProfileFactory(), max_distance_km=200) == {near.key, far.key}
