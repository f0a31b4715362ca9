"""The one way to read a page number: bounded, so that no page parameter reaches the database
as an absurd offset.

A page number that is not a whole number from 1 to MAX_PAGE (``abc``, ``0``, ``-1``, twenty
digits) is a 404: the site's own links never make one, so it is a typed or forged address, and
a 404 keeps crawlers from indexing endless copies of page 1. A number past the last page shows
the last page: that happens naturally when items disappear between two clicks.
"""

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

MAX_PAGE = 100_000


def bounded_page_number(raw: str | None) -> int:
    """A page number from its text: 1 when absent, 404 unless a whole number 1..MAX_PAGE."""
    if raw is None or raw == "":
        return 1
    if not (raw.isascii() and raw.isdigit()) or len(raw) > len(str(MAX_PAGE)):
        raise Http404(_("There is no such page."))
    number = int(raw)
    if not 1 <= number <= MAX_PAGE:
        raise Http404(_("There is no such page."))
    return number


def page_number(request: HttpRequest, name: str = "page") -> int:
    """The bounded page number of a request's query string (see bounded_page_number)."""
    return bounded_page_number(request.GET.get(name))


def paginate(
    request: HttpRequest, items: Sequence[Any] | Any, per_page: int, name: str = "page"
) -> Page:
    """One page of items for a request: a bounded page number, the last page past the end."""
    return Paginator(items, per_page).get_page(page_number(request, name))
