"""The catalog's list kept as a fragment for signed-in readers too: keyed by the generation of
public content, the language, the date, the query and the agency's county; the page the same."""

from datetime import timedelta

import pytest
from freezegun import freeze_time

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from matching.exceptions import SearchUnavailable
from portal import cache as public_cache
from portal.accounts.models import Role
from tests.factories.portal import CorrectionsAgencyFactory, jurisdiction, user_with_role
from tests.factories.services_catalog import ServiceOfferPageFactory

pytestmark = pytest.mark.django_db

CATALOG = reverse("services_catalog:catalog")


@pytest.fixture(autouse=True)
def fragment_cache(settings):
    settings.PUBLIC_CACHE_SECONDS = 600
    public_cache.fragments().clear()


@pytest.fixture
def signed_in(client):
    client.force_login(user_with_role(Role.PROVIDER_STAFF))
    return client


def stored_lists() -> int:
    return sum(1 for key in public_cache.fragments()._cache if "services_catalog:list" in key)


def page(client, url: str = CATALOG, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_second_request_reads_no_list_from_the_database(django_assert_max_num_queries):
    ServiceOfferPageFactory(title="心理辅导甲")
    reader = Client(HTTP_COOKIE="seen=1")  # not served by the public page cache
    page(reader)  # creates the site's menu and footer settings: a change
    page(reader)

    with django_assert_max_num_queries(0):
        assert "心理辅导甲" in page(reader)


def test_published_offer_is_visible_to_a_signed_in_reader_on_the_next_request(signed_in):
    ServiceOfferPageFactory(title="心理辅导甲")
    assert "心理辅导乙" not in page(signed_in)

    ServiceOfferPageFactory(title="心理辅导乙")

    assert "心理辅导乙" in page(signed_in)


def test_unpublished_offer_disappears_on_the_next_request(signed_in):
    offer = ServiceOfferPageFactory(title="心理辅导甲")
    assert "心理辅导甲" in page(signed_in, q="心理")

    offer.unpublish()

    assert "心理辅导甲" not in page(signed_in, q="心理")


def test_offer_ending_today_is_gone_tomorrow_without_any_change(signed_in):
    ServiceOfferPageFactory(title="心理辅导甲", valid_until=timezone.localdate())
    assert "心理辅导甲" in page(signed_in)

    with freeze_time(timezone.now() + timedelta(days=1)):
        assert "心理辅导甲" not in page(signed_in)


def test_page_is_the_same_from_the_fragment(settings):
    ServiceOfferPageFactory(title="心理辅导甲")
    reader = Client(HTTP_COOKIE="seen=1")
    page(reader)
    first = page(reader, county="410102", cost="free")
    settings.PUBLIC_CACHE_SECONDS = 0
    uncached = page(reader, county="410102", cost="free")
    settings.PUBLIC_CACHE_SECONDS = 600

    assert page(reader, county="410102", cost="free") == first == uncached
    assert "心理辅导甲" in first
    assert stored_lists() == 2


def test_each_language_and_query_has_its_own_list(signed_in, settings):
    ServiceOfferPageFactory(title="心理辅导甲")
    chinese = page(signed_in)
    signed_in.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    english = page(signed_in)
    filtered = page(signed_in, cost="fee")

    assert "服务目录" in chinese and "Service catalog" in english
    assert "心理辅导甲" not in filtered
    assert stored_lists() == 3


def test_nearest_first_from_the_agency_county_is_kept_per_county(client):
    ServiceOfferPageFactory(title="心理辅导甲")
    zhengzhou = user_with_role(Role.CASEWORKER)
    luoyang = user_with_role(
        Role.CASEWORKER,
        judicial_office__agency=CorrectionsAgencyFactory(jurisdiction=jurisdiction("410303")),
    )
    client.force_login(zhengzhou)
    assert "中原区" in page(client, sort="nearest")

    client.force_login(luoyang)

    assert "西工区" in page(client, sort="nearest")


def test_refused_keyword_is_not_kept(signed_in):
    ServiceOfferPageFactory(title="心理辅导甲")

    page(signed_in, q="410102199001011234")

    assert stored_lists() == 0


def test_list_without_keyword_search_is_not_kept(signed_in, monkeypatch):
    def unavailable(keyword):
        raise SearchUnavailable

    monkeypatch.setattr("services_catalog.selectors.offer_keyword_ranking", unavailable)

    page(signed_in, q="心理辅导")

    assert stored_lists() == 0


def test_no_fragment_is_kept_when_the_public_cache_is_off(signed_in, settings):
    settings.PUBLIC_CACHE_SECONDS = 0

    page(signed_in)

    assert stored_lists() == 0
