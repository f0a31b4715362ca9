"""Queries per page do not grow with the offers listed: the catalog and the HSDS lists."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from services_catalog.models import ServiceOfferPage
from tests.factories.portal import OrganizationFactory
from tests.factories.services_catalog import ServiceOfferPageFactory, section_for

pytestmark = pytest.mark.django_db

LISTS = [
    "/services/",
    "/services/?county=410102",
    "/services/?q=心理",
    "/services/?sort=nearest&near=410102",
    "/api/hsds/services?per_page=50",
    "/api/hsds/service_at_locations?per_page=50",
    "/api/hsds/organizations?per_page=50",
    "/api/hsds/services?per_page=50&full=true",
    "/api/hsds/service_at_locations?per_page=50&full=true",
    "/api/hsds/organizations?per_page=50&full_service=true",
]
MAX_QUERIES = 20


def queries_of(client, url: str) -> int:
    """Queries of a second request (the first fills the per-process caches)."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def organization_sections(count: int) -> list:
    return [section_for(OrganizationFactory()) for _ in range(count)]


def offers_in_sections(count: int, sections: list) -> None:
    for number in range(count):
        ServiceOfferPageFactory(section=sections[number % len(sections)])


def test_offer_takes_the_organization_of_its_section():
    organization = OrganizationFactory()
    offer = ServiceOfferPageFactory(section=section_for(organization))

    assert ServiceOfferPage.objects.get(pk=offer.pk).organization == organization


def test_moved_offer_takes_the_organization_of_its_new_section():
    offer = ServiceOfferPageFactory()
    other = OrganizationFactory()

    offer.move(section_for(other), pos="last-child")

    assert ServiceOfferPage.objects.get(pk=offer.pk).organization == other


@pytest.fixture(params=["memory", "database"])
def default_cache(request):
    """The default cache in memory (as in the other tests) or in the database, as deployed
    without CACHE_URL, where a cache read per listed item would be a query per item."""
    if request.param == "database":
        request.getfixturevalue("database_cache")
    return request.param


def test_lists_run_as_many_queries_for_fifty_offers_as_for_one(
    client, default_cache, django_assert_max_num_queries
):
    sections = organization_sections(5)
    offers_in_sections(1, sections)
    few = {url: queries_of(client, url) for url in LISTS}

    offers_in_sections(49, sections)

    for url in LISTS:
        assert client.get(url).status_code == 200
        with django_assert_max_num_queries(few[url], info=url):
            client.get(url)
        assert few[url] <= MAX_QUERIES, url


def test_full_organization_list_runs_as_many_queries_for_fifty_organizations_as_for_one(
    client, django_assert_max_num_queries
):
    url = "/api/hsds/organizations?per_page=50&full_service=true"
    offers_in_sections(2, organization_sections(1))
    few = queries_of(client, url)

    offers_in_sections(98, organization_sections(49))

    with django_assert_max_num_queries(few, info=url):
        assert len(client.get(url).json()["contents"]) == 50


@pytest.mark.parametrize("url", ["/services/?county=410102", "/services/?city=410100"])
def test_a_chosen_area_is_looked_up_without_a_query_of_its_own(client, url):
    offers_in_sections(3, organization_sections(1))
    queries_of(client, "/services/")  # the first requests create the site's settings

    assert queries_of(client, url) == queries_of(client, "/services/")


def test_the_county_to_measure_from_is_looked_up_without_a_query_of_its_own(client):
    offers_in_sections(3, organization_sections(1))
    url = "/services/?sort=nearest&near=410102"
    queries_of(client, url)

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    assert not [query for query in captured if "= '410102'" in query["sql"]]
