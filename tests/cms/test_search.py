import pytest

from cms.search import query_terms, segment
from cms.selectors import pages_search
from tests.factories.cms import EventPageFactory, NewsPageFactory, PolicyPageFactory, site_home

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    site_home()
    return {
        "week": EventPageFactory(title="2026年社区矫正法宣传周", intro="法治宣传进社区"),
        "fair": EventPageFactory(title="公平就业专场招聘会", intro="企业现场提供岗位"),
        "news": NewsPageFactory(title="Volunteer recruitment opens", intro="Mentors wanted"),
        "policy": PolicyPageFactory(
            title="关于加强社区矫正工作的决定", full_text="<p>鼓励社会组织提供心理辅导。</p>"
        ),
    }


def test_segmentation_splits_chinese_into_words_and_keeps_the_long_ones():
    words = segment("社区矫正法宣传周").split()

    assert "宣传" in words
    assert "宣传周" in words
    assert "社区" in words


def test_query_terms_drop_single_characters_when_longer_words_exist():
    assert query_terms("宣传周的") == "宣传 宣传周"
    assert query_terms("周") == "周"
    assert query_terms("  ") == ""


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("宣传周", "week"),
        ("招聘会", "fair"),
        ("心理辅导", "policy"),
        ("recruitment", "news"),
        ("Mentors", "news"),
    ],
)
def test_search_finds_words_inside_chinese_and_english_text(content, query, expected):
    results = pages_search(query=query)

    assert [page.pk for page in results] == [content[expected].pk]


def test_search_view_lists_chinese_results_with_a_count(client, content):
    response = client.get("/search/", {"q": "宣传周"})

    text = response.content.decode()
    assert response.status_code == 200
    assert "2026年社区矫正法宣传周" in text
    assert "共有 1 条结果" in text


def test_search_view_in_english_says_when_nothing_matches(english, content):
    response = english.get("/search/", {"q": "nonexistentword"})

    assert "Nothing found" in response.content.decode()
    assert list(response.context["results"]) == []


def test_search_falls_back_to_any_word_when_not_all_words_match(content):
    results = pages_search(query="宣传周 nonexistentword")

    assert [page.pk for page in results] == [content["week"].pk]


def test_search_ignores_unpublished_pages(content):
    content["fair"].unpublish()

    assert pages_search(query="招聘会") == []


def test_empty_search_shows_the_form_without_results(client, content):
    response = client.get("/search/", {"q": "   "})

    assert response.status_code == 200
    assert response.context["query"] == ""
