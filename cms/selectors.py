"""Reads of the public pages shared by the page templates, the search view and the home page."""

import logging
from itertools import islice, zip_longest

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
from matching.types import OfferDocument
from portal.pagination import bounded_page_number

logger = logging.getLogger(__name__)


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

    An offer app that fails is logged and skipped, so that it never breaks the home page.
    """
    per_source = [_source_documents(source, limit) for source in sources().values()]
    mixed = [doc for row in zip_longest(*per_source) for doc in row if doc is not None]
    return mixed[:limit]


def _source_documents(source, limit: int) -> list[OfferDocument]:
    try:
        documents = (source.to_document(obj) for obj in islice(source.queryset(), limit * 3))
        open_offers = [doc for doc in documents if doc is not None and doc.seats_left != 0]
        return open_offers[:limit]
    except Exception:
        logger.exception("Offer source %s failed while listing featured offers", source.kind)
        return []
