"""jieba's dictionary in a compact layout, for the web workers (see portal/gunicorn_conf.py).

jieba keeps every dictionary word and every prefix of one as a key of `Tokenizer.FREQ`
(498,113 str keys and their dict: about 53 MB in Python 3.11, where a short str costs 80 bytes).
`WordFrequencies` answers the same three questions (`in`, `[]`, `get`) from one string per
first character, each holding that character's words in order with their counts (about
6 MB): a prefix of a word is found as the start of an entry, a word as a whole entry. The
segmentation code is jieba's own and the answers are the same, so the results are identical;
each lookup is a Python call instead of a dict probe, which costs little on a query's few words
but would slow a bulk rebuild (which keeps jieba's own dictionary: it runs in other processes).
"""

from typing import Any

# None of them appears in a dictionary word (checked before the layout is built).
ENTRY = "\n"
COUNT = "\t"
BUCKET = "\x1e"


class WordFrequencies:
    """Read-only stand-in for jieba's FREQ: a word's count, 0 for a prefix of a word."""

    __slots__ = ("_buckets",)

    def __init__(self, packed: str):
        self._buckets = {bucket[1]: bucket for bucket in packed.split(BUCKET) if bucket}

    def get(self, word: str, default: Any = None) -> Any:
        """The count of `word` (0 for a prefix of a word); `default` when it is neither."""
        bucket = self._buckets.get(word[:1])
        if bucket is None or ENTRY in word or COUNT in word:
            return default
        start = bucket.find(ENTRY + word)
        if start < 0:
            return default
        start += len(word) + 1
        if not bucket.startswith(COUNT, start):
            return 0
        return int(bucket[start + 1 : bucket.index(ENTRY, start)])

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None

    def __getitem__(self, word: str) -> int:
        count = self.get(word)
        if count is None:
            raise KeyError(word)
        return count


def packed_entries(frequencies: dict[str, int]) -> str:
    """Every word with its count, in order, one bucket per first character (see above)."""
    words = sorted(frequencies)
    entries = []
    for index, word in enumerate(words):
        count = frequencies[word]
        following = words[index + 1] if index + 1 < len(words) else ""
        if index == 0 or word[0] != words[index - 1][0]:
            entries.append(ENTRY + BUCKET)
        # A 0 that only marks a prefix is implied by the longer word that follows it.
        if count or not following.startswith(word):
            entries.append(f"{ENTRY}{word}{COUNT}{count}")
    return "".join(entries)[1:] + ENTRY


def can_compact(frequencies: dict[str, int]) -> bool:
    """Whether every word can be stored in the compact layout (no separator inside)."""
    return all(word and not {ENTRY, COUNT, BUCKET} & set(word) for word in frequencies)


def compact_dictionary(tokenizer: Any) -> None:
    """Replace a loaded jieba tokenizer's FREQ by `WordFrequencies` (the same answers)."""
    tokenizer.check_initialized()
    if not isinstance(tokenizer.FREQ, dict) or not can_compact(tokenizer.FREQ):
        return
    packed = packed_entries(tokenizer.FREQ)
    # The dict goes before the buckets are made, so that they reuse its memory.
    tokenizer.FREQ = {}
    tokenizer.FREQ = WordFrequencies(packed)
