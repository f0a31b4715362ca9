"""The index rebuild's faster paths give what the plain ones give: terms and COPY rows."""

import random
from itertools import islice

import jieba
import pytest

from matching import ranking
from matching.backends.database import COPY_ENTRY_FIELDS, _entry_row, entry_from
from matching.ranking import _WORD, field_terms, search_tokens, text_terms
from tests.factories.matching import OfferDocumentFactory

TEXTS = [
    "",
    "   ",
    "郑州市阳光社会工作服务中心为社区矫正对象提供心理咨询服务：心理疏导 情绪管理 团体辅导。",
    "每周一至周五 9:00-17:00，节假日除外（需提前预约）",
    "Vocational skills training for adults & juveniles: C++ / C# / 3.5% off, e-mail OK",
    "410102创业扶持项目123 小额贷款\r\n孵化\t指导\u3000完成",
    "我来到北京清华大学，他来到了网易杭研大厦；小明硕士毕业于中国科学院计算所",
    "长春市长春药店 南京市长江大桥 结婚的和尚未结婚的 工信处女干事每月经过下属科室",
    "ABC abc 123 ＡＢＣ 全角１２３ emoji🙂 ñandú Ünïcödé",
    "上海浦东开发与法制建设同步 《劳动合同法》第三十九条 —— 解除劳动合同",
]


def jieba_terms(text: str) -> list[str]:
    """The terms as jieba's own `cut_for_search` gives them (what `text_terms` computes faster)."""
    terms = (term.strip().lower() for term in jieba.cut_for_search(text))
    return [term for term in terms if term and _WORD.search(term)]


def joined_terms(title: str, text: str, provider: str, schedule: str) -> str:
    """`search_tokens` as it was: the jieba terms of the four fields joined by spaces."""
    terms = jieba_terms(" ".join([title, text, provider, schedule]))
    return " " + " ".join(dict.fromkeys(terms)) + " "


@pytest.mark.parametrize("text", TEXTS)
def test_text_terms_are_jiebas_search_terms(text):
    assert text_terms(text) == jieba_terms(text)


def test_search_tokens_segment_each_field_as_the_joined_text_did():
    fields = zip(TEXTS, TEXTS[1:], TEXTS[2:], TEXTS[3:], strict=False)
    for title, text, provider, schedule in fields:
        document = OfferDocumentFactory.build(
            title=title, text=text, provider_name=provider, schedule=schedule
        )
        assert search_tokens(document) == joined_terms(title, text, provider, schedule)


def test_a_repeated_provider_or_schedule_is_segmented_once(monkeypatch):
    segmented = []
    monkeypatch.setattr(ranking, "_field_terms", {})
    monkeypatch.setattr(
        ranking, "text_terms", lambda value: segmented.append(value) or jieba_terms(value)
    )
    provider = "洛阳市阳光社会工作服务中心"

    assert field_terms(provider) == field_terms(provider) == jieba_terms(provider)

    assert segmented == [provider]


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"genders": ("female",), "correction_types": ("probation", "parole")},
        {"supervision_levels": ("strict", "nonsense"), "min_age": 18, "max_age": 35},
        {"service_area_codes": ("410100", "410102", "410000"), "categories": ("a", "b")},
        {"latitude": None, "longitude": None, "seats_left": 0, "valid_from": None},
        {"accepts_adults": False, "accepts_juveniles": True, "funded_by_contract": True},
    ],
)
def test_copy_rows_of_entries_are_the_entry_models_values(changes):
    document = OfferDocumentFactory.build(**changes)
    entry = entry_from(document, search_tokens(document))

    row = _entry_row(7, vars(document), search_tokens(document))

    assert row == [7, *(getattr(entry, name) for name in COPY_ENTRY_FIELDS)]


def test_the_segmentation_caches_stay_bounded(monkeypatch):
    monkeypatch.setattr(ranking, "FRAGMENTS_MAX", 10)
    monkeypatch.setattr(ranking, "WORD_TERMS_MAX", 10)
    monkeypatch.setattr(ranking, "FIELD_TERMS_MAX", 2)
    monkeypatch.setattr(ranking, "_field_terms", {})
    assert text_terms(TEXTS[6]) == jieba_terms(TEXTS[6])
    assert len(ranking._fragments) > 10
    assert len(ranking._word_terms) > 10

    assert text_terms("社区") == jieba_terms("社区")
    assert len(ranking._fragments) <= 3
    assert len(ranking._word_terms) <= 1
    for value in ("甲中心", "乙中心", "丙中心"):
        assert field_terms(value) == jieba_terms(value)
    assert len(ranking._field_terms) <= 2


def test_text_terms_are_jiebas_search_terms_on_varied_texts():
    rng = random.Random(18)
    words = [word for word, count in islice(jieba.dt.FREQ.items(), 0, None, 97) if count]
    pieces = list("的了和社区矫正中心项目市县") + list("aZ09 .-_%+#&，。：（）\t\r\n\u3000Ａ１ñ🙂İ")
    for _ in range(2000):
        text = "".join(
            rng.choice(words)
            if rng.random() < 0.5
            else str(rng.randrange(10**6))
            if rng.random() < 0.3
            else "".join(rng.choices(pieces, k=rng.randint(1, 5)))
            for _ in range(rng.randint(0, 10))
        )
        assert text_terms(text) == jieba_terms(text), text


def test_a_dictionary_changed_in_place_empties_the_caches(monkeypatch):
    text = "长春市长春药店"
    assert text_terms(text) == jieba_terms(text)
    monkeypatch.setattr(jieba.dt, "FREQ", {**jieba.dt.FREQ, "春药": 0})
    monkeypatch.setattr(jieba.dt, "total", jieba.dt.total - 1)

    assert text_terms(text) == jieba_terms(text)


def test_a_repeated_block_is_routed_once(monkeypatch):
    routed = []
    route = ranking._route
    monkeypatch.setattr(
        ranking, "_route", lambda block, *args: routed.append(block) or route(block, *args)
    )
    monkeypatch.setattr(ranking, "_blocks", {})
    text = "心理疏导 情绪管理 心理疏导，情绪管理"

    assert text_terms(text) == text_terms(text) == jieba_terms(text)

    assert sorted(routed) == ["心理疏导", "情绪管理"]


def test_the_blocks_memo_stays_bounded_and_keeps_the_terms(monkeypatch):
    monkeypatch.setattr(ranking, "BLOCKS_MAX", 2)
    monkeypatch.setattr(ranking, "_blocks", {})
    for text in TEXTS:
        assert text_terms(text) == jieba_terms(text)
        assert len(ranking._blocks) <= 2
