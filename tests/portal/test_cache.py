"""The shared cache of anonymous public pages: what it stores, for whom, and when it forgets."""

import pytest

from django.http import HttpResponse
from django.test import Client, RequestFactory

from cms.models import NavigationItem, NavigationSettings
from matching.models import OfferCapacity
from portal import cache as public_cache
from tests.factories.cms import site_home
from tests.factories.portal import UserFactory
from tests.factories.services_catalog import ServiceOfferPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PUBLIC_CACHE_SECONDS = 600
    public_cache.fragments().clear()


def test_cached_catalog_is_served_without_a_query(client, django_assert_max_num_queries):
    ServiceOfferPageFactory(title="心理辅导甲")
    client.get("/services/")  # creates the site's menu and footer settings: a change
    client.get("/services/")

    with django_assert_max_num_queries(0):
        response = client.get("/services/")

    assert "心理辅导甲" in response.content.decode()


def test_published_offer_is_visible_on_the_next_request(client):
    ServiceOfferPageFactory(title="心理辅导甲")
    assert "心理辅导乙" not in client.get("/services/").content.decode()

    ServiceOfferPageFactory(title="心理辅导乙")

    assert "心理辅导乙" in client.get("/services/").content.decode()


def test_unpublished_offer_disappears_on_the_next_request(client):
    offer = ServiceOfferPageFactory(title="心理辅导甲")
    assert "心理辅导甲" in client.get("/services/?q=心理").content.decode()

    offer.unpublish()

    assert "心理辅导甲" not in client.get("/services/?q=心理").content.decode()


def test_each_language_and_address_has_its_own_entry(client, settings):
    ServiceOfferPageFactory()
    chinese = client.get("/services/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    english = client.get("/services/").content.decode()

    assert chinese != english
    assert 'lang="en"' in english


def test_signed_in_user_is_never_served_from_the_cache_nor_stored(client):
    ServiceOfferPageFactory(title="心理辅导甲")
    client.force_login(UserFactory())
    client.get("/services/")
    assert _stored_pages() == 0

    Client().get("/services/")
    assert _stored_pages() == 1

    assert 'action="/accounts/logout/"' in client.get("/services/").content.decode()


def test_request_with_a_session_or_messages_cookie_bypasses_the_cache():
    factory = RequestFactory()

    assert public_cache.cacheable_request(factory.get("/services/"))
    assert not public_cache.cacheable_request(factory.get("/services/", HTTP_COOKIE="messages=x"))
    assert not public_cache.cacheable_request(factory.post("/services/"))
    assert not public_cache.cacheable_request(factory.get("/casework/"))
    assert not public_cache.cacheable_request(
        factory.get("/services/", HTTP_AUTHORIZATION="Bearer x")
    )


@pytest.mark.parametrize(
    "response",
    [
        HttpResponse(status=302),
        HttpResponse(headers={"Cache-Control": "no-store"}),
        HttpResponse(headers={"Cache-Control": "private"}),
        HttpResponse(headers={"Content-Security-Policy": "script-src 'nonce-abc'"}),
    ],
)
def test_private_redirected_or_nonced_answers_are_not_stored(response):
    assert not public_cache.cacheable_response(response)


def test_answer_that_sets_a_cookie_is_not_stored():
    response = HttpResponse()
    response.set_cookie("csrftoken", "secret")

    assert not public_cache.cacheable_response(response)


def test_seat_change_invalidates_public_pages():
    before = public_cache.generation()

    OfferCapacity.objects.create(offer_key="service:1", seats_total=3)

    assert public_cache.generation() != before


def test_menu_edit_is_visible_on_the_next_request(client):
    home = site_home()
    client.get("/")
    navigation = NavigationSettings.for_site(home.get_site())

    NavigationItem.objects.create(settings=navigation, label="政策文件", link_url="/policies/")

    assert "政策文件" in client.get("/").content.decode()


def _stored_pages() -> int:
    pages = public_cache.fragments()
    return sum(1 for key in getattr(pages, "_cache", {}) if "portal:page" in key)


def test_cached_answer_keeps_the_security_and_language_headers(client):
    ServiceOfferPageFactory()
    first = client.get("/services/")

    cached = client.get("/services/")

    for header in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "Referrer-Policy",
        "X-Frame-Options",
        "Content-Language",
        "Vary",
    ):
        assert cached[header] == first[header]
    assert "script-src 'self'" in cached["Content-Security-Policy"]


def test_cache_hit_is_answered_before_sessions_and_authentication_run(client):
    ServiceOfferPageFactory()
    client.get("/services/")  # creates the site's menu and footer settings: a change
    client.get("/services/")

    response = client.get("/services/")

    assert response.status_code == 200
    assert not hasattr(response.wsgi_request, "session")
    assert not hasattr(response.wsgi_request, "user")


def test_hostile_request_is_never_looked_up_and_still_refused(client):
    factory = RequestFactory()
    assert not public_cache.cacheable_request(factory.get("/services/", {"q": "a\x00b"}))
    assert not public_cache.cacheable_request(factory.get("/services/", {"q": "长" * 5000}))

    assert client.get("/services/", {"q": "a\x00b"}).status_code == 400


def test_page_that_drew_a_csp_nonce_is_not_stored():
    request = RequestFactory().get("/services/")
    request._csp_nonce = "abc"

    assert not public_cache.cacheable_response(HttpResponse(), request)


def test_generation_is_read_from_its_own_shared_cache_without_a_query(
    settings, tmp_path, django_assert_num_queries
):
    settings.CACHES = {
        **settings.CACHES,
        "generation": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        },
    }
    before = public_cache.generation()

    public_cache.public_content_changed()

    with django_assert_num_queries(0):
        assert public_cache.generation() != before
    assert any(tmp_path.iterdir())


def test_a_value_kept_per_generation_is_built_once_until_public_content_changes():
    store: dict = {}
    builds = []

    def build() -> int:
        builds.append(1)
        return len(builds)

    first = [public_cache.kept_per_generation(store, build) for _ in range(3)]
    public_cache.public_content_changed()
    after_change = public_cache.kept_per_generation(store, build)

    assert first == [1, 1, 1] and after_change == 2
