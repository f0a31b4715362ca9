"""When the search backend cannot be reached, search says so with SearchUnavailable."""

import pytest

from django.core.management import CommandError, call_command
from django.db import OperationalError, connection

from matching.exceptions import SearchUnavailable
from matching.selectors import offer_search
from matching.types import MatchQuery

pytestmark = pytest.mark.django_db


@pytest.fixture
def unreachable_elasticsearch(settings):
    settings.MATCHING_BACKEND = "matching.backends.elasticsearch.ElasticsearchBackend"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_INDEX_PREFIX = "unreachable"


def test_unreachable_elasticsearch_raises_search_unavailable(unreachable_elasticsearch):
    with pytest.raises(SearchUnavailable):
        offer_search(query=MatchQuery(keyword="心理"))


def test_index_command_reports_an_unreachable_backend(unreachable_elasticsearch):
    with pytest.raises(CommandError, match="检索服务暂不可用|unavailable"):
        call_command("matching_index", "status")


def test_database_failure_raises_search_unavailable(monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("could not connect to server")

    plan_ready = offer_search(query=MatchQuery()).total == 0
    monkeypatch.setattr(connection, "cursor", broken)
    with pytest.raises(SearchUnavailable):
        offer_search(query=MatchQuery())
    assert plan_ready
