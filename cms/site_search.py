"""Reads of the site search: content pages and every public offer, the offers through the
matching engine (as the catalog finds them), counted by kind, each hit with a snippet."""

from dataclasses import dataclass

from django.utils.html import strip_tags

from wagtail.models import Page

from cms.search import query_terms, snippet
from cms.selectors import interleave, pages_search
from matching import selectors as matching_selectors
from matching.eligibility import OfferKind
from matching.exceptions import SearchUnavailable
from matching.ranking import MAX_LIMIT
from matching.types import MatchQuery, MatchResult, OfferDocument

PUBLIC_OFFER_KINDS = (
    OfferKind.SERVICE,
    OfferKind.JOB,
    OfferKind.ENTREPRENEURSHIP,
    OfferKind.VOLUNTEER_OPPORTUNITY,
)
PAGE_KIND = "page"


@dataclass(frozen=True)
class SearchHit:
    """One result of the site search, a page or an offer, as the results list shows it."""

    kind: str
    label: str
    title: str
    url: str
    snippet: str
    provider_name: str = ""
    is_offer: bool = False


@dataclass(frozen=True)
class SiteSearchResult:
    """The hits of one kind (or of all), and how many hits each kind has."""

    hits: list[SearchHit]
    counts: dict[str, int]
    offers_unavailable: bool = False


def site_search(*, query: str, kind: str = "") -> SiteSearchResult:
    """Pages and public offers (services, jobs, entrepreneurship support, volunteering)
    matching a query; mentors are people and are never searched here."""
    terms = query_terms(query).split()
    pages = [_page_hit(page, terms) for page in pages_search(query=query)]
    try:
        offers: dict[str, MatchResult] = {
            str(name): offers_of_kind(query=query, kind=name) for name in PUBLIC_OFFER_KINDS
        }
    except SearchUnavailable:
        offers, unavailable = {}, True
    else:
        unavailable = False
    counts = {PAGE_KIND: len(pages)} | {name: result.total for name, result in offers.items()}
    if kind == PAGE_KIND:
        return SiteSearchResult(pages, counts, unavailable)
    chosen = [offers[kind]] if kind in offers else list(offers.values())
    ranked = sorted((hit for result in chosen for hit in result.hits), key=lambda hit: -hit.score)
    hits = [_document_hit(hit.document, terms) for hit in ranked]
    return SiteSearchResult(
        hits if kind in offers else interleave(hits, pages), counts, unavailable
    )


def offers_of_kind(*, query: str, kind: str) -> MatchResult:
    """Open offers of one kind matching a keyword, best first, through the matching engine."""
    match_query = MatchQuery(keyword=query, kinds=(kind,), limit=MAX_LIMIT)
    return matching_selectors.offer_search(query=match_query)


def _document_hit(document: OfferDocument, terms: list[str]) -> SearchHit:
    return SearchHit(
        kind=document.kind,
        label=str(OfferKind(document.kind).label),
        title=document.title,
        url=document.url,
        snippet=snippet(document.text, terms),
        provider_name=document.provider_name,
        is_offer=True,
    )


def _page_hit(page: Page, terms: list[str]) -> SearchHit:
    parts = page.searchable_parts()[1:] if hasattr(page, "searchable_parts") else []
    text = strip_tags(" ".join(str(part) for part in parts if part))
    return SearchHit(
        kind=PAGE_KIND,
        label=str(page.get_verbose_name()),
        title=page.title,
        url=page.url or "",
        snippet=snippet(text, terms),
    )
