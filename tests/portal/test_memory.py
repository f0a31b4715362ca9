"""The web workers' memory: jieba's dictionary in its compact layout gives the same answers and
the same segmentation in far less memory; gunicorn's master compacts it before the fork."""

import gc
import random
import subprocess
import sys
from pathlib import Path

import jieba
import pytest

from bench.pages import memory_mb
from matching.selectors import offer_search
from matching.types import MatchQuery
from portal import gunicorn_conf
from portal.segmentation import WordFrequencies, compact_dictionary, packed_entries
from tests.factories.matching import OfferDocumentFactory, index_documents

TEXTS = [
    "心理咨询服务",
    "一对一心理疏导。",
    "电工职业技能培训 Electrician training course",
    "法治教育讲座 Legal education for families",
    "戒酒戒赌支持小组：同伴支持与专业辅导结合，帮助摆脱酒瘾、赌瘾。",
    "协助申请临时救助、低保，联系救助站和过渡性住所，提供生活物资应急包。",
    "中原区心航社会工作服务中心，中原区建设西路66号，周一至周五9:00-17:00",
    "小明硕士毕业于中国科学院计算所，后在日本京都大学深造",
    "潜水" + "啊" * 50,
]


@pytest.fixture(scope="module")
def stock():
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


@pytest.fixture(scope="module")
def compact(stock):
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = dict(stock.FREQ), stock.total, True
    compact_dictionary(tokenizer)
    return tokenizer


@pytest.fixture
def compact_jieba(stock):
    """jieba's default tokenizer (what the site's code calls) with the compact layout."""
    loaded = jieba.dt.FREQ, jieba.dt.total, jieba.dt.initialized
    jieba.dt.FREQ, jieba.dt.total, jieba.dt.initialized = dict(stock.FREQ), stock.total, True
    compact_dictionary(jieba.dt)
    yield jieba.dt
    jieba.dt.FREQ, jieba.dt.total, jieba.dt.initialized = loaded


def random_texts(stock, count: int) -> list[str]:
    """Sentences of dictionary words, their parts and punctuation (fixed seed)."""
    words = sorted(stock.FREQ)
    pick = random.Random(18)
    pieces = [*words[:: len(words) // 5000], "，", "。", "abc", "2026年", " "]
    return ["".join(pick.choices(pieces, k=pick.randint(1, 30))) for _ in range(count)]


def test_compact_layout_answers_every_word_as_jieba(stock, compact):
    assert isinstance(compact.FREQ, WordFrequencies)
    for word, count in stock.FREQ.items():
        assert word in compact.FREQ
        assert compact.FREQ[word] == compact.FREQ.get(word) == count


def test_compact_layout_answers_other_strings_as_jieba(stock, compact):
    words = sorted(stock.FREQ)[::50]
    probes = [w + x for w in words for x in ("的", "x", "\t1", "\n")] + [w[1:] for w in words]
    probes += ["", "\t", "\n", "\x1e", "zzzz", "𠀀"]
    for probe in probes:
        assert (probe in compact.FREQ) == (probe in stock.FREQ)
        assert compact.FREQ.get(probe, "none") == stock.FREQ.get(probe, "none")
    with pytest.raises(KeyError):
        compact.FREQ["潜水艇艇长的"]


def test_segmentation_is_identical(stock, compact):
    for text in TEXTS + random_texts(stock, 300):
        assert list(compact.cut_for_search(text)) == list(stock.cut_for_search(text))
        assert compact.lcut(text) == stock.lcut(text)
        assert compact.lcut(text, HMM=False) == stock.lcut(text, HMM=False)
        assert compact.lcut(text, cut_all=True) == stock.lcut(text, cut_all=True)


def test_compact_layout_is_under_an_eighth_of_the_dict(stock, compact):
    stock_bytes = sys.getsizeof(stock.FREQ) + sum(map(sys.getsizeof, stock.FREQ))
    buckets = compact.FREQ._buckets
    compact_bytes = sys.getsizeof(buckets) + sum(map(sys.getsizeof, buckets.values()))
    assert compact_bytes < stock_bytes / 8


def test_prefix_only_entries_are_not_stored():
    packed = packed_entries({"心": 0, "心理": 5, "心理学": 0, "咨": 0, "咨询": 3})
    assert packed == "\x1e\n咨询\t3\n\x1e\n心理\t5\n心理学\t0\n"
    frequencies = WordFrequencies(packed)
    assert [frequencies.get(word) for word in ("心", "心理", "心理学", "咨", "理")] == [
        0,
        5,
        0,
        0,
        None,
    ]


def test_compacting_twice_changes_nothing(compact):
    frequencies = compact.FREQ
    compact_dictionary(compact)
    assert compact.FREQ is frequencies


def test_gunicorn_master_compacts_the_dictionary_before_the_fork(stock):
    loaded = jieba.dt.FREQ, jieba.dt.total, jieba.dt.initialized
    try:
        gunicorn_conf.when_ready(server=None)
        assert isinstance(jieba.dt.FREQ, WordFrequencies)
        assert gc.get_freeze_count() > 0
        assert jieba.lcut(TEXTS[4]) == stock.lcut(TEXTS[4])
    finally:
        gc.unfreeze()
        jieba.dt.FREQ, jieba.dt.total, jieba.dt.initialized = loaded


@pytest.mark.django_db
def test_keyword_search_finds_the_same_offers_with_the_compact_layout(settings, compact_jieba):
    settings.MATCHING_BACKEND = "matching.backends.database.DatabaseBackend"
    counseling = OfferDocumentFactory(title="心理咨询服务", text="一对一心理疏导。")
    training = OfferDocumentFactory(title="电工职业技能培训", text="Electrician training course")
    law = OfferDocumentFactory(title="法治教育讲座", text="Legal education for families")
    index_documents(counseling, training, law)
    assert isinstance(compact_jieba.FREQ, WordFrequencies)

    def keys(keyword: str) -> list[str]:
        return [hit.document.key for hit in offer_search(query=MatchQuery(keyword=keyword)).hits]

    assert keys("心理") == [counseling.key]
    assert keys("职业技能") == [training.key]
    assert keys("法治教育 讲座 心理") == [law.key, counseling.key]
    assert keys("潜水") == []


def test_gunicorn_configuration_imports_jieba_without_pkg_resources():
    sentence = "小明硕士毕业于中国科学院计算所"
    code = (
        "import sys, portal.gunicorn_conf, jieba;"
        f"print('pkg_resources' in sys.modules, jieba.lcut('{sentence}'))"
    )
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout == f"False {jieba.lcut(sentence)}\n"


def test_page_series_reads_resident_and_proportional_size():
    assert memory_mb(Path("/proc/self")) > memory_mb(Path("/proc/self"), "Pss") / 2 > 0
