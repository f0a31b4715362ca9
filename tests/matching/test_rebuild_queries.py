"""Rebuilding the whole index reads seats, funding and site roots once, not once per offer."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from matching.funding import funding_set
from matching.models import Category, OfferIndexDocument
from matching.selectors import offer_document, offer_key
from matching.services import capacity_set, index_rebuild
from tests.factories.employment import (
    EntrepreneurshipSupportPageFactory,
    JobOfferPageFactory,
    employer_section,
)
from tests.factories.services_catalog import ServiceOfferPageFactory
from tests.factories.volunteers import VolunteerProfileFactory

pytestmark = pytest.mark.django_db


def _rebuild_queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        index_rebuild()
    return len(queries.captured_queries)


def _funded_and_seated_offer(number: int):
    offer = ServiceOfferPageFactory()
    capacity_set(offer_key=offer_key("service", offer.pk), seats_total=number)
    funding_set(
        source=f"line-{number}",
        organization_id=offer.organization_id,
        offer_key=offer_key("service", offer.pk),
    )
    return offer


def test_rebuild_runs_as_many_queries_for_many_offers_as_for_one():
    _funded_and_seated_offer(1)
    one = _rebuild_queries()

    for number in range(2, 8):
        _funded_and_seated_offer(number)

    assert _rebuild_queries() <= one


def test_rebuild_runs_as_many_queries_for_many_jobs_supports_and_mentors_as_for_one():
    section = employer_section()
    JobOfferPageFactory(section=section)
    EntrepreneurshipSupportPageFactory(section=section)
    VolunteerProfileFactory()
    _rebuild_queries()  # what is read once per process (the sites' root paths)
    one = _rebuild_queries()
    assert OfferIndexDocument.objects.count() == 3

    for _number in range(4):
        JobOfferPageFactory(section=section)
        EntrepreneurshipSupportPageFactory(section=section)
        VolunteerProfileFactory()

    assert _rebuild_queries() <= one
    assert OfferIndexDocument.objects.count() == 15


def test_rebuild_reads_seats_and_funding_as_one_offer_alone_would():
    seated = _funded_and_seated_offer(3)
    by_category = ServiceOfferPageFactory()
    category = Category.objects.get(slug="psychological-counseling")
    funding_set(
        source="category-line", organization_id=by_category.organization_id, category_id=category.pk
    )
    plain = ServiceOfferPageFactory(
        categories=list(Category.objects.filter(slug="legal-education"))
    )

    index_rebuild()

    indexed = {
        row.entry.key: row.document for row in OfferIndexDocument.objects.select_related("entry")
    }
    for page, funded, seats in ((seated, True, 3), (by_category, True, None), (plain, False, None)):
        key = offer_key("service", page.pk)
        alone = offer_document(key=key)
        assert (alone.funded_by_contract, alone.seats_left) == (funded, seats)
        assert (indexed[key]["funded_by_contract"], indexed[key]["seats_left"]) == (funded, seats)
