"""Chinese-aware site search: jieba segments both the indexed text and the query.

SQLite FTS5 and PostgreSQL's `simple` configuration treat a run of Chinese characters as one
token, so "宣传周" would never match a page about "社区矫正法宣传周". Pages index a segmented copy
of their text and queries are segmented the same way before they reach Wagtail's search.
"""

import logging
import re

import jieba

jieba.setLogLevel(logging.WARNING)

_WORD = re.compile(r"\w", re.UNICODE)


def segment(text: str) -> str:
    """Split text into space-separated words, adding the shorter words inside long ones."""
    return " ".join(word for word in jieba.cut_for_search(text) if _WORD.search(word))


def query_terms(query: str) -> str:
    """The words of a visitor's query to search for, in the same segmentation as the index."""
    words = segment(query).split()
    long_words = [word for word in words if len(word) > 1]
    return " ".join(dict.fromkeys(long_words or words))
