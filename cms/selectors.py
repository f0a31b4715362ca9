"""Reads of the public pages shared by the page templates, the search view and the home page."""

import logging
from itertools import zip_longest

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils import timezone

from wagtail.models import Locale, Page
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
from matching.eligibility import OfferKind
from matching.registry import sources
from matching.selectors import offer_search
from matching.types import MatchQuery, OfferDocument
from portal.cache import fragment_key, fragments, generation
from portal.pagination import bounded_page_number

logger = logging.getLogger(__name__)
FEATURED_SECONDS = 600


def paginate(items, number: str | None, *, per_page: int) -> PaginatorPage:
    """One page of a list: a malformed page number is a 404, one past the end the last page."""
    return Paginator(items, per_page).get_page(bounded_page_number(number))


def in_reader_language(pages: PageQuerySet) -> PageQuerySet:
    """Pages in the reader's language, and those not translated into it (left in Chinese)."""
    return pages.exclude(pk__in=translated_elsewhere())


def translated_elsewhere() -> list[int]:
    """Pages in another language that have a translation in the reader's, read once per
    generation of public content and language (any page's save starts a new generation)."""
    key = fragment_key(None, "cms:translated-elsewhere")
    ids = fragments().get(key)
    if ids is None:
        active = Locale.get_active()
        translated = Page.objects.filter(locale=active).values("translation_key")
        elsewhere = Page.objects.exclude(locale=active).filter(translation_key__in=translated)
        ids = list(elsewhere.values_list("pk", flat=True))
        fragments().set(key, ids, FEATURED_SECONDS)
    return ids


def children_of_every_translation(pages: PageQuerySet, index: Page) -> PageQuerySet:
    """Pages right under an index page or under any of its translations."""
    condition = Q(pk__in=[])
    for each in [index, *index.get_translations()]:
        condition |= Q(path__startswith=each.path, depth=each.depth + 1)
    return pages.filter(condition)


def news_for_index(*, index: NewsIndexPage) -> QuerySet[NewsPage]:
    """The live news items of one news index (in the reader's language), newest first."""
    news = children_of_every_translation(NewsPage.objects.live().public(), index)
    return in_reader_language(news).order_by("-date", "-pk")


def news_latest(*, limit: int) -> list[NewsPage]:
    """The newest live news items of the whole site, in the reader's language."""
    news = in_reader_language(NewsPage.objects.live().public())
    return list(news.order_by("-date", "-pk")[:limit])


def _events(index: EventIndexPage | None) -> QuerySet[EventPage]:
    events = in_reader_language(EventPage.objects.live().public().select_related("jurisdiction"))
    return children_of_every_translation(events, index) if index is not None else events


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
    policies = children_of_every_translation(PolicyPage.objects.live().public(), index)
    return in_reader_language(policies).order_by("-date_issued", "title")


def policies_latest(*, limit: int) -> list[PolicyPage]:
    """The most recently issued live policies of the whole site, in the reader's language."""
    policies = in_reader_language(PolicyPage.objects.live().public())
    return list(policies.order_by("-date_issued", "title")[:limit])


def policy_issuing_bodies(*, policies: QuerySet[PolicyPage]) -> list[str]:
    """The distinct issuing bodies of some policies, for the library's filter."""
    return sorted(set(policies.values_list("issuing_body", flat=True)))


def policy_years(*, policies: QuerySet[PolicyPage]) -> list[int]:
    """The distinct years of issue of some policies, newest first, for the library's filter."""
    years = policies.annotate(year=ExtractYear("date_issued")).values_list("year", flat=True)
    return sorted(set(years), reverse=True)


def content_pages() -> PageQuerySet:
    """Live public pages that are not offers (offers are found through the matching engine)."""
    offer_models = [source.model for source in sources().values() if issubclass(source.model, Page)]
    offer_types = ContentType.objects.get_for_models(*offer_models).values()
    pages = Page.objects.live().public().exclude(content_type__in=list(offer_types))
    return in_reader_language(pages).specific()


def pages_search(*, query: str, queryset: PageQuerySet | None = None) -> list[Page]:
    """Live public pages matching a query in Chinese or English, best match first.

    Every word must match; when nothing does, pages matching any of the words are returned.
    """
    terms = query_terms(query)
    if not terms:
        return []
    pages: PageQuerySet = queryset if queryset is not None else content_pages()
    results = list(pages.search(terms, operator="and"))
    return results or list(pages.search(terms, operator="or"))


def interleave(*lists: list) -> list:
    """The items of several ranked lists taking turns: first of each, then second of each."""
    return [item for row in zip_longest(*lists) for item in row if item is not None]


def offers_featured(*, limit: int) -> list[OfferDocument]:
    """A few open offers for the home page, taking turns between the kinds of offer.

    Read from the offer index (one query per kind, whatever the number of offers), best funded
    first, and kept until public content changes; a kind that fails is logged and skipped, so
    that it never breaks the home page.
    """
    key = f"cms:featured:{generation()}:{limit}"
    featured = fragments().get(key)
    if featured is None:
        # In the vocabulary's order (not the order apps happened to register in); mentors are
        # volunteers named by their real names: never shown to the public.
        registered = sources()
        kinds = [k for k in OfferKind.values if k in registered and k != OfferKind.MENTOR]
        per_kind = [_indexed_documents(kind, limit) for kind in kinds]
        featured = interleave(*(documents or [] for documents in per_kind))[:limit]
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
