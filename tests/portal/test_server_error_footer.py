"""The 500 page carries the site's footer like every other page, without asking the database
(which may be what failed)."""

import pytest

from django.test import RequestFactory

from portal.views import server_error


@pytest.mark.django_db
def test_server_error_page_has_the_site_footer_without_a_query(django_assert_num_queries):
    request = RequestFactory().get("/anything/")

    with django_assert_num_queries(0):
        response = server_error(request)

    body = response.content.decode()
    assert response.status_code == 500
    assert 'class="site-footer"' in body and "/search/" in body
