"""Keyword search (Chinese through jieba, English) and bad input on the query."""

import pytest

from matching.selectors import offer_search
from matching.types import MatchQuery
from tests.factories.matching import OfferDocumentFactory, PersonProfileFactory, index_documents

pytestmark = pytest.mark.django_db


def keys(**query) -> list[str]:
    return [hit.document.key for hit in offer_search(query=MatchQuery(**query)).hits]


@pytest.fixture
def offers():
    counseling = OfferDocumentFactory(title="心理咨询服务", text="一对一心理疏导。")
    training = OfferDocumentFactory(title="电工职业技能培训", text="Electrician training course")
    law = OfferDocumentFactory(title="法治教育讲座", text="Legal education for families")
    index_documents(counseling, training, law)
    return counseling, training, law


def test_chinese_word_finds_longer_compound(search_backend, offers):
    counseling, _training, _law = offers
    assert keys(keyword="心理") == [counseling.key]


def test_chinese_phrase_is_segmented(search_backend, offers):
    _counseling, training, _law = offers
    assert keys(keyword="职业技能") == [training.key]


def test_english_keyword_is_case_insensitive(search_backend, offers):
    _counseling, training, _law = offers
    assert keys(keyword="ELECTRICIAN") == [training.key]


def test_offer_matching_more_words_ranks_first(search_backend, offers):
    counseling, _training, law = offers
    assert keys(keyword="法治教育 讲座 心理") == [law.key, counseling.key]


def test_unknown_word_finds_nothing(search_backend, offers):
    assert keys(keyword="潜水") == []


@pytest.mark.parametrize("keyword", ["", "   ", "的", "，。！"])
def test_empty_keyword_applies_no_text_filter(search_backend, offers, keyword):
    assert len(keys(keyword=keyword)) == 3


def test_very_long_keyword_is_truncated_not_rejected(search_backend, offers):
    counseling, _training, _law = offers
    assert keys(keyword="心理" + "啊" * 10_000) == [counseling.key]


def test_unknown_kind_and_category_are_ignored_with_a_warning(search_backend, offers):
    result = offer_search(query=MatchQuery(kinds=("spaceship",), categories=("nope",)))
    assert result.total == 3
    assert any("spaceship" in warning for warning in result.warnings)
    assert any("nope" in warning for warning in result.warnings)


def test_distance_limit_without_location_is_ignored_with_a_warning(search_backend, offers):
    person = PersonProfileFactory(jurisdiction_code="", latitude=None, longitude=None)
    result = offer_search(query=MatchQuery(person=person, max_distance_km=10))
    assert result.total == 3
    assert result.warnings


@pytest.mark.parametrize(("limit", "offset", "count"), [(0, 0, 1), (-5, -3, 1), (500, 0, 3)])
def test_out_of_range_paging_is_clamped(search_backend, offers, limit, offset, count):
    result = offer_search(query=MatchQuery(limit=limit, offset=offset))
    assert len(result.hits) == count


def test_warnings_are_translated(search_backend, offers):
    from django.utils import translation

    with translation.override("zh-hans"):
        result = offer_search(query=MatchQuery(kinds=("spaceship",)))
    assert "未知" in result.warnings[0]
