"""Schedules in offer documents as structured values, rendered in the reader's language.

The index is filled once for readers of every language, so a document never holds display
text in one language. An offer's `schedule` is a list of items separated by ";", each item a
list of words separated by "|"; a word is one of

    w1 .. w7            an ISO weekday (1 is Monday)
    09:00-17:00         a time range
    2026-12-05          a date
    t:Full time         a term of a vocabulary: the untranslated message id of its label

and anything else is the provider's own text (a place), shown as written. Offer apps build
schedules with `weekly`, `dated`, `term` and `joined`; screens show them with `display`.
"""

import re
from datetime import date, time

from django.utils import translation
from django.utils.dates import WEEKDAYS
from django.utils.formats import date_format
from django.utils.translation import gettext

ITEM_SEPARATOR = ";"
WORD_SEPARATOR = "|"
_WEEKDAY = re.compile(r"^w([1-7])$")
_TIME_RANGE = re.compile(r"^\d{2}:\d{2}-\d{2}:\d{2}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _clean(text: str) -> str:
    return str(text).replace(ITEM_SEPARATOR, ",").replace(WORD_SEPARATOR, "/").strip()


def term(label) -> str:
    """A vocabulary label (lazy or not) as a term word: its message id, translated on display."""
    with translation.override(None):
        return "t:" + _clean(str(label))


def time_range(start: time, end: time) -> str:
    """A time range word."""
    return f"{start:%H:%M}-{end:%H:%M}"


def weekly(weekday: int, opens: time, closes: time) -> str:
    """A weekly opening: ISO weekday (1 is Monday) and hours."""
    return WORD_SEPARATOR.join([f"w{weekday}", time_range(opens, closes)])


def dated(day: date, start: time, end: time, place: str = "") -> str:
    """One dated session (a volunteer shift), with its place in the provider's words."""
    words = [day.isoformat(), time_range(start, end)] + ([_clean(place)] if place else [])
    return WORD_SEPARATOR.join(words)


def joined(*items: str) -> str:
    """Items (built with the functions above) as one schedule value."""
    return ITEM_SEPARATOR.join(item for item in items if item)


def _word(word: str) -> str:
    if word.startswith("t:"):
        return gettext(word[2:])
    if match := _WEEKDAY.match(word):
        return str(WEEKDAYS[int(match.group(1)) - 1])
    if _TIME_RANGE.match(word):
        return word.replace("-", "–")
    if _DATE.match(word):
        day = date.fromisoformat(word)
        return f"{date_format(day, 'MONTH_DAY_FORMAT')} ({WEEKDAYS[day.weekday()]})"
    return word


def display(value: str) -> str:
    """A schedule value in the active language (plain text from older documents unchanged)."""
    items = [item for item in value.split(ITEM_SEPARATOR) if item.strip()]
    return "; ".join(" ".join(_word(word) for word in item.split(WORD_SEPARATOR)) for item in items)
