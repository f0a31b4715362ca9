"""Reads of the public pages shared by the page templates, the search view and the home page."""

import logging
from itertools import zip_longest

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils import timezone

from wagtail.models import Page
from wagtail.query import PageQuerySet

from cms.models import (
    EventIndexPage,
    EventPage,
    NewsIndexPage,
    NewsPage,
    PolicyIndexPage,
    PolicyPage,
)
from cms.search import query_terms
from matching.registry import sources
from matching.selectors import offer_search
from matching.types import MatchQuery, OfferDocument
from portal.cache import fragments, generation
from portal.pagination import bounded_page_number

logger = logging.getLogger(__name__)
FEATURED_SECONDS = 600


def paginate(items, number: str | None, *, per_page: int) -> PaginatorPage:
    """One page of a list: a malformed page number is a 404, one past the end the last page."""
    return Paginator(items, per_page).get_page(bounded_page_number(number))


def news_for_index(*, index: NewsIndexPage) -> QuerySet[NewsPage]:
    """The live news items of one news index, newest first."""
    return NewsPage.objects.live().public().child_of(index).order_by("-date", "-pk")


def news_latest(*, limit: int) -> list[NewsPage]:
    """The newest live news items of the whole site."""
    return list(NewsPage.objects.live().public().order_by("-date", "-pk")[:limit])


def _events(index: EventIndexPage | None) -> QuerySet[EventPage]:
    events = EventPage.objects.live().public().select_related("jurisdiction")
    return events.child_of(index) if index is not None else events


def _ended() -> Q:
    now = timezone.now()
    return Q(end__lt=now) | Q(end__isnull=True, start__lt=now)


def events_upcoming(*, index: EventIndexPage | None = None, limit: int | None = None) -> list:
    """Live events that have not ended yet, soonest first."""
    return list(_events(index).exclude(_ended()).order_by("start")[:limit])


def events_past(*, index: EventIndexPage | None = None) -> list[EventPage]:
    """Live events that are over, most recent first."""
    return list(_events(index).filter(_ended()).order_by("-start"))


def policies_for_index(*, index: PolicyIndexPage) -> QuerySet[PolicyPage]:
    """The live policies of the library, most recently issued first."""
    policies = PolicyPage.objects.live().public().child_of(index)
    return policies.order_by("-date_issued", "title")


def policies_latest(*, limit: int) -> list[PolicyPage]:
    """The most recently issued live policies of the whole site."""
    return list(PolicyPage.objects.live().public().order_by("-date_issued", "title")[:limit])


def policy_issuing_bodies(*, policies: QuerySet[PolicyPage]) -> list[str]:
    """The distinct issuing bodies of some policies, for the library's filter."""
    return sorted(set(policies.values_list("issuing_body", flat=True)))


def policy_years(*, policies: QuerySet[PolicyPage]) -> list[int]:
    """The distinct years of issue of some policies, newest first, for the library's filter."""
    years = policies.annotate(year=ExtractYear("date_issued")).values_list("year", flat=True)
    return sorted(set(years), reverse=True)


def pages_search(*, query: str, queryset: PageQuerySet | None = None) -> list[Page]:
    """Live public pages matching a query in Chinese or English, best match first.

    Every word must match; when nothing does, pages matching any of the words are returned.
    """
    terms = query_terms(query)
    if not terms:
        return []
    pages: PageQuerySet = (
        queryset if queryset is not None else Page.objects.live().public().specific()
    )
    results = list(pages.search(terms, operator="and"))
    return results or list(pages.search(terms, operator="or"))


def offers_featured(*, limit: int) -> list[OfferDocument]:
    """A few open offers for the home page, taking turns between the kinds of offer.

    Read from the offer index (one query per kind, whatever the number of offers), best funded
    first, and kept until public content changes; a kind that fails is logged and skipped, so
    that it never breaks the home page.
    """
    key = f"cms:featured:{generation()}:{limit}"
    featured = fragments().get(key)
    if featured is None:
        per_kind = [_indexed_documents(kind, limit) for kind in sources()]
        rows = zip_longest(*(documents or [] for documents in per_kind))
        featured = [doc for row in rows for doc in row if doc is not None][:limit]
        if None not in per_kind:
            fragments().set(key, featured, FEATURED_SECONDS)
    return featured


def _indexed_documents(kind: str, limit: int) -> list[OfferDocument] | None:
    try:
        result = offer_search(query=MatchQuery(kinds=(kind,), limit=limit))
    except Exception:
        logger.exception("The offer index failed while listing featured %s offers", kind)
        return None
    return [hit.document for hit in result.hits]
