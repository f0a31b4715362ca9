"""The job board runs as many queries for fifty job offers as for one."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.employment import EmployerFactory, JobOfferPageFactory, employer_section

pytestmark = pytest.mark.django_db

MAX_QUERIES = 20
BOARDS = ["/jobs/", "/jobs/?q=厨师"]


def queries_of(client, url: str) -> int:
    """Queries of a second request (the first fills the per-process caches)."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_job_board_queries_do_not_grow_with_the_job_offers(client, django_assert_max_num_queries):
    sections = [employer_section(EmployerFactory()) for _ in range(3)]
    JobOfferPageFactory(section=sections[0])
    few = {url: queries_of(client, url) for url in BOARDS}

    for number in range(49):
        JobOfferPageFactory(section=sections[number % 3])

    for url in BOARDS:
        assert client.get(url).status_code == 200
        with django_assert_max_num_queries(few[url], info=url):
            client.get(url)
        assert few[url] <= MAX_QUERIES, url
