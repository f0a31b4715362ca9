from dataclasses import replace

import pytest

from cms import selectors
from matching.exceptions import SearchUnavailable
from matching.registry import sources
from matching.types import OfferDocument
from portal.cache import fragments, public_content_changed
from tests.factories.cms import site_home
from tests.factories.matching import index_documents

pytestmark = pytest.mark.django_db


def document(number: int) -> OfferDocument:
    return OfferDocument(
        key=f"service:{number}",
        kind="service",
        source_id=number,
        title=f"心理辅导服务{number}",
        text="一对一心理辅导",
        url=f"/services/{number}/",
        provider_name="阳光社工",
        funded_by_contract=True,
    )


def test_home_page_shows_featured_offers_from_the_offer_index(client):
    site_home()
    index_documents(document(1), document(2), document(3))

    response = client.get("/")

    assert [offer.key for offer in response.context["featured_offers"]] == [
        "service:1",
        "service:2",
        "service:3",
    ]
    assert "心理辅导服务1" in response.content.decode()
    assert "政府购买" in response.content.decode()


def test_a_failing_offer_index_never_breaks_the_home_page(client, monkeypatch):
    site_home()
    index_documents(document(1))

    def unavailable(**kwargs):
        raise SearchUnavailable("index is down")

    monkeypatch.setattr(selectors, "offer_search", unavailable)
    response = client.get("/")

    assert response.status_code == 200
    assert response.context["featured_offers"] == []
    assert "推荐帮扶项目" not in response.content.decode()


def test_featured_offers_are_capped_at_the_limit():
    index_documents(*[document(number) for number in range(10)])

    assert len(selectors.offers_featured(limit=3)) == 3


def test_featured_offers_take_turns_between_kinds_and_skip_full_ones():
    full = replace(document(0), seats_left=0)
    job = replace(document(5), key="job:5", kind="job")
    index_documents(full, document(1), document(2), job)

    featured = selectors.offers_featured(limit=3)

    assert [offer.key for offer in featured] == ["service:1", "job:5", "service:2"]


def test_featured_offers_cost_the_same_queries_for_few_and_many_offers(
    django_assert_max_num_queries,
):
    index_documents(*[document(number) for number in range(1, 4)])
    with django_assert_max_num_queries(3 * len(sources())) as few:
        selectors.offers_featured(limit=3)
    index_documents(*[document(number) for number in range(4, 40)])
    fragments().clear()
    with django_assert_max_num_queries(len(few)):
        selectors.offers_featured(limit=3)


def test_featured_offers_are_read_once_until_public_content_changes(
    django_assert_num_queries,
):
    index_documents(document(1))
    selectors.offers_featured(limit=3)
    with django_assert_num_queries(0):
        assert len(selectors.offers_featured(limit=3)) == 1

    index_documents(document(2))
    public_content_changed()

    assert len(selectors.offers_featured(limit=3)) == 2
