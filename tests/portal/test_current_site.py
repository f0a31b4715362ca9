"""The request's site and the sites' root paths, found once per process and generation of
public content: no query after the first request, a site's save seen on the next one."""

import pytest

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site

from portal import cache as public_cache
from portal.sites import current_site
from tests.factories.cms import site_home

pytestmark = pytest.mark.django_db


def request_to(host: str = "localhost"):
    return RequestFactory().get("/services/", HTTP_HOST=host)


def test_site_and_root_paths_are_found_without_a_query_after_the_first_request(
    django_assert_num_queries,
):
    home = site_home()
    site = home.get_site()
    current_site(request_to())
    request = request_to()

    with django_assert_num_queries(0):
        assert current_site(request) == site
        assert home.get_url(request=request) == "/"


def test_site_saved_is_found_on_the_next_request():
    site_home()
    current_site(request_to("portal.example.cn"))
    before = public_cache.generation()
    Site.objects.create(hostname="portal.example.cn", root_page=site_home(), site_name="门户")

    assert public_cache.generation() != before
    assert current_site(request_to("portal.example.cn")).site_name == "门户"


def test_the_site_a_request_already_has_is_kept():
    request = request_to()
    request._wagtail_site = None

    assert current_site(request) is None
    assert request._wagtail_cached_site_root_paths == Site.get_site_root_paths()


def test_serving_a_page_does_not_look_the_site_up_again(client):
    site_home()
    client.cookies["bypass"] = "1"  # a cookie: past the public page cache, as a signed-in reader
    # The first request creates the site's settings, which starts a new generation.
    assert client.get("/").status_code == 200
    assert client.get("/").status_code == 200

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")

    assert response.status_code == 200
    assert not [query for query in queries if "wagtailcore_site" in query["sql"]]
