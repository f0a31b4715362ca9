"""Site search finds pages and every public offer kind, with kinds as facets and snippets."""

from dataclasses import replace

import pytest

from cms.search import snippet
from cms.site_search import PAGE_KIND, site_search
from matching.exceptions import SearchUnavailable
from matching.indexing import offer_sync
from matching.ranking import MAX_LIMIT
from matching.selectors import offer_key
from matching.types import OfferDocument
from tests.factories.cms import NewsPageFactory, site_home
from tests.factories.employment import JobOfferPageFactory
from tests.factories.matching import index_documents
from tests.factories.services_catalog import ServiceOfferPageFactory
from tests.factories.volunteers import ShiftFactory, VolunteerOpportunityPageFactory, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    site_home()
    return {
        "news": NewsPageFactory(title="心理咨询志愿者招募", intro="招募心理咨询志愿者"),
        "service": ServiceOfferPageFactory(title="个体心理咨询服务", summary="一对一心理咨询"),
        "job": JobOfferPageFactory(title="心理咨询助理岗位", description="<p>协助心理咨询</p>"),
    }


def test_site_search_finds_services_and_jobs_as_well_as_pages(content):
    result = site_search(query="心理咨询")

    kinds = {hit.kind for hit in result.hits}
    assert {"page", "service", "job"} <= kinds
    assert result.counts["service"] == 1
    assert result.counts["job"] == 1
    assert result.counts[PAGE_KIND] == 1


def test_site_search_finds_volunteer_opportunities(content):
    opportunity = VolunteerOpportunityPageFactory(title="心理咨询陪伴志愿服务")
    ShiftFactory(opportunity=opportunity, date=in_days(5))
    offer_sync(offer_key("volunteer_opportunity", opportunity.pk))

    result = site_search(query="陪伴", kind="volunteer_opportunity")

    assert [hit.title for hit in result.hits] == ["心理咨询陪伴志愿服务"]


def test_offer_pages_are_not_listed_twice(content):
    result = site_search(query="个体心理咨询服务")

    assert [hit.title for hit in result.hits].count("个体心理咨询服务") == 1


def test_kind_facet_narrows_the_hits(client, content):
    response = client.get("/search/", {"q": "心理咨询", "kind": "job"})

    text = response.content.decode()
    assert "心理咨询助理岗位" in text
    assert "个体心理咨询服务" not in text
    assert 'data-kind="service"' in text  # the other kinds stay as facets


def test_each_hit_has_a_snippet_with_the_words_marked(client, content):
    response = client.get("/search/", {"q": "心理咨询", "kind": "service"})

    assert "<mark>心理咨询</mark>" in response.content.decode()


def test_snippet_escapes_html_and_cuts_around_the_word():
    text = "<b>x</b> " + "甲" * 300 + "心理咨询" + "乙" * 300

    excerpt = snippet(text, ["心理咨询"], width=60)

    assert "<b>" not in excerpt
    assert "<mark>心理咨询</mark>" in excerpt
    assert excerpt.startswith("…") and excerpt.endswith("…")


def test_offers_unreachable_still_lists_pages_and_says_so(client, content, monkeypatch):
    def unavailable(**_kwargs):
        raise SearchUnavailable("down")

    monkeypatch.setattr("matching.selectors.offer_search", unavailable)
    response = client.get("/search/", {"q": "心理咨询"})

    text = response.content.decode()
    assert "心理咨询志愿者招募" in text
    assert "cannot be searched" in text or "暂时无法" in text


def test_english_reader_sees_offers_marked_as_chinese(client, content):
    client.cookies["django_language"] = "en"
    response = client.get(
        "/search/", {"q": "心理咨询", "kind": "service"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    text = response.content.decode()
    assert 'lang="zh-Hans">个体心理咨询服务' in text
    assert "in Chinese" in text


def test_header_search_box_is_on_every_page(client, content):
    response = client.get("/search/")

    assert 'id="header-search-q"' in response.content.decode()


def service(number: int, title: str, text: str, *, funded: bool = False) -> OfferDocument:
    return OfferDocument(
        key=f"service:{number}",
        kind="service",
        source_id=number,
        title=title,
        text=text,
        url=f"/services/{number}/",
        provider_name="阳光社工",
        funded_by_contract=funded,
    )


def exact_and_funded_offers(funded: int = 2) -> list[OfferDocument]:
    """Offers titled exactly 个体心理咨询, and funded ones sharing only some of its words."""
    exact = [service(number, "个体心理咨询", "一对一的心理咨询") for number in (1, 2, 3)]
    others = [
        service(100 + number, f"情绪管理团体辅导{number}", "团体心理咨询与辅导", funded=True)
        for number in range(funded)
    ]
    return [*exact, *others]


def test_offers_titled_as_the_query_rank_above_funded_offers_sharing_a_word():
    site_home()
    index_documents(*exact_and_funded_offers())

    result = site_search(query="个体心理咨询", kind="service")

    assert [hit.title for hit in result.hits][:3] == ["个体心理咨询"] * 3
    assert len(result.hits) == 5


def test_an_exact_title_comes_first_among_pages_and_offers():
    site_home()
    for number in range(4):
        NewsPageFactory(title=f"心理咨询志愿者招募{number}", intro="招募心理咨询志愿者")
    index_documents(*exact_and_funded_offers())

    result = site_search(query="个体心理咨询")

    assert [hit.title for hit in result.hits][:3] == ["个体心理咨询"] * 3
    assert {hit.kind for hit in result.hits[3:]} == {"page", "service"}


def test_funding_does_not_change_a_visitors_order():
    site_home()
    offers = [service(number, f"心理咨询服务{number}", "心理咨询") for number in (1, 2, 3)]
    index_documents(*offers)
    before = [hit.url for hit in site_search(query="心理咨询", kind="service").hits]

    index_documents(replace(offers[-1], funded_by_contract=True))
    after = [hit.url for hit in site_search(query="心理咨询", kind="service").hits]

    assert after == before


def test_an_exact_title_is_found_behind_more_funded_offers_than_one_page():
    site_home()
    index_documents(*exact_and_funded_offers(funded=MAX_LIMIT + 5))

    hits = site_search(query="个体心理咨询", kind="service").hits

    assert [hit.title for hit in hits][:3] == ["个体心理咨询"] * 3


def test_site_search_queries_do_not_grow_with_the_hits(django_assert_max_num_queries):
    site_home()
    NewsPageFactory(title="心理咨询志愿者招募", intro="招募心理咨询志愿者")
    index_documents(*exact_and_funded_offers(funded=2))
    with django_assert_max_num_queries(20) as few:
        site_search(query="个体心理咨询")
    index_documents(*[service(200 + n, f"心理咨询{n}", "心理咨询") for n in range(60)])
    with django_assert_max_num_queries(len(few)):
        site_search(query="个体心理咨询")
