"""The catalog's queries written once by the ORM and run around each list's filters, and its
filter sets built without a deep copy: the same lists, counts and orders, less work per request."""

from unittest import mock

import pytest

from django.urls import reverse

from matching.models import Category
from services_catalog import selectors
from services_catalog.filters import ServiceOfferFilter
from tests.factories.services_catalog import ServiceOfferPageFactory

pytestmark = pytest.mark.django_db

CATALOG = reverse("services_catalog:catalog")


def titles(response) -> list[str]:
    return [card.title for card in response.context["page_obj"].object_list]


def test_facets_follow_the_taxonomy_order(client, section_a):
    ServiceOfferPageFactory(section=section_a, title="心理辅导")
    categories = list(Category.objects.filter(is_active=True).order_by("pk"))
    for number, category in enumerate(reversed(categories)):
        category.sort_order = number
        category.save(update_fields=["sort_order"])

    facets = client.get(CATALOG).context["facets"]

    assert [facet.slug for facet in facets] == [category.slug for category in reversed(categories)]


def test_keyword_search_lists_only_the_matches_the_filters_keep(client, section_a):
    ServiceOfferPageFactory(section=section_a, title="面点技能培训", cost="fee", fee_amount="10")
    ServiceOfferPageFactory(section=section_a, title="面点兴趣课", cost="free")

    assert titles(client.get(CATALOG, {"q": "面点", "cost": "fee"})) == ["面点技能培训"]
    assert titles(client.get(CATALOG, {"q": "面点", "cost": "free"})) == ["面点兴趣课"]


def test_card_queries_are_written_once_per_number_of_ids(section_a):
    for number in range(3):
        ServiceOfferPageFactory(section=section_a, title=f"法治讲座{number}")
    rows = list(selectors.card_rows(selectors.offer_catalog()))
    selectors._sql_for_ids.cache_clear()

    first = selectors.offer_cards(rows, None)
    second = selectors.offer_cards(rows, None)

    assert first == second and len(first) == 3
    assert selectors._sql_for_ids.cache_info().misses == 2  # categories, places
    assert selectors._sql_for_ids.cache_info().hits == 2


def test_filter_sets_take_their_own_filters_without_a_deep_copy():
    catalog = selectors.offer_catalog()
    with mock.patch("copy.deepcopy", side_effect=AssertionError("deep copy")):
        first = ServiceOfferFilter({"city": "410100"}, queryset=catalog)
        second = ServiceOfferFilter(None, queryset=catalog)

    own = first.filters["city"]
    assert own is not second.filters["city"] and own is not ServiceOfferFilter.base_filters["city"]
    assert own.parent is first and second.filters["city"].parent is second
    assert own.filter.f is own  # its method is looked up on its own filter set
