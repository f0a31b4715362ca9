"""Chinese-aware site search: jieba segments both the indexed text and the query.

SQLite FTS5 and PostgreSQL's `simple` configuration treat a run of Chinese characters as one
token, so "宣传周" would never match a page about "社区矫正法宣传周". Pages index a segmented copy
of their text and queries are segmented the same way before they reach Wagtail's search.
"""

import logging
import re

import jieba

from django.utils.html import escape
from django.utils.safestring import mark_safe

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


def snippet(text: str, terms: list[str], *, width: int = 140) -> str:
    """A short, HTML-safe excerpt of text around the first search word found, words marked."""
    text = " ".join(text.split())
    lowered = text.lower()
    found = [(lowered.find(term.lower()), term) for term in terms if term]
    starts = [position for position, _term in found if position >= 0]
    start = max(min(starts) - width // 3, 0) if starts else 0
    excerpt = text[start : start + width]
    marked = str(escape(excerpt))
    present = sorted({term for position, term in found if position >= 0}, key=len, reverse=True)
    if present:
        pattern = re.compile("|".join(re.escape(str(escape(term))) for term in present), re.I)
        marked = pattern.sub(lambda match: f"<mark>{match.group(0)}</mark>", marked)
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    return mark_safe(f"{prefix}{marked}{suffix}")  # noqa: S308 - escaped above  # nosec B308 B703
