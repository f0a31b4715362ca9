"""Reads of the site search: content pages and every public offer, the offers through the
matching engine (as the catalog finds them), counted by kind, each hit with a snippet.

A visitor's search ranks by the words alone: the engine finds the offers, but its order (made
for caseworkers: needs, distance, funding) is not used. Offers rank by their title (the query
itself, the query as a phrase, every word of it), then by how many of the words they match
(title, text, provider, schedule), then by how many their title holds, the newest first among
equals; funding lifts none. Pages and offers are merged by the same title rank, taking turns
within a rank, so that an exact title comes first whatever its kind.
"""

import re
from dataclasses import dataclass, replace

from django.utils.html import strip_tags

from wagtail.models import Page

from cms.search import query_terms, snippet
from cms.selectors import interleave, pages_search
from matching import selectors as matching_selectors
from matching.eligibility import OfferKind
from matching.exceptions import SearchUnavailable
from matching.ranking import MAX_LIMIT, keyword_terms
from matching.types import Hit, MatchQuery, MatchResult, OfferDocument

PUBLIC_OFFER_KINDS = (
    OfferKind.SERVICE,
    OfferKind.JOB,
    OfferKind.ENTREPRENEURSHIP,
    OfferKind.VOLUNTEER_OPPORTUNITY,
)
PAGE_KIND = "page"
# The engine's pages of candidates read per kind at most (MAX_LIMIT offers each) before they
# are ranked by the words: enough to hold every offer matching all the words (see
# `_holds_every_full_match`) unless more than that many do.
CANDIDATE_PAGES = 3
SCORE_MARGIN = 1e-9
# Title ranks: the title is the query, holds the query as a phrase, holds every word of it.
TITLE_EXACT, TITLE_PHRASE, TITLE_ALL_WORDS, TITLE_OTHER = 3, 2, 1, 0
_WORD_CHAR = re.compile(r"\w", re.UNICODE)


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
    words = keyword_terms(query)
    ranked = sorted(
        (hit for result in chosen for hit in result.hits),
        key=lambda hit: relevance(hit, query=query, words=words),
    )
    hits = [_document_hit(hit.document, terms) for hit in ranked]
    if kind in offers:
        return SiteSearchResult(hits, counts, unavailable)
    return SiteSearchResult(mixed(hits, pages, query=query, words=words), counts, unavailable)


def mixed(
    offers: list[SearchHit], pages: list[SearchHit], *, query: str, words: tuple[str, ...]
) -> list[SearchHit]:
    """Offers and pages by title rank (`title_rank`), the two taking turns within a rank."""
    ranks: dict[int, tuple[list[SearchHit], list[SearchHit]]] = {}
    for index, hits in enumerate((offers, pages)):
        for hit in hits:
            rank = title_rank(hit.title, query=query, words=words)
            ranks.setdefault(rank, ([], []))[index].append(hit)
    return [hit for rank in sorted(ranks, reverse=True) for hit in interleave(*ranks[rank])]


def offers_of_kind(*, query: str, kind: str) -> MatchResult:
    """Open offers of one kind matching a keyword, through the matching engine, most relevant
    to the words first (`relevance`): funding, which the engine's order weighs, lifts none."""
    results: list[MatchResult] = []
    for page in range(CANDIDATE_PAGES):
        offset = page * MAX_LIMIT
        match_query = MatchQuery(keyword=query, kinds=(kind,), offset=offset, limit=MAX_LIMIT)
        results.append(matching_selectors.offer_search(query=match_query))
        if _holds_every_full_match(results[-1]):
            break
    words = keyword_terms(query)
    hits = sorted(
        (hit for result in results for hit in result.hits),
        key=lambda hit: relevance(hit, query=query, words=words),
    )
    return replace(results[0], hits=tuple(hits))


def _holds_every_full_match(result: MatchResult) -> bool:
    """Whether no offer after this page of the engine's order matches every word: the page is
    the last one, or ends below the score of the text part alone (which a full match reaches
    whatever its funding; the engine's order is by score)."""
    if len(result.hits) < MAX_LIMIT:
        return True
    full_text = float(result.weights.get("text", 0))
    return result.hits[-1].score < full_text - SCORE_MARGIN


def relevance(hit: Hit, *, query: str, words: tuple[str, ...]) -> tuple:
    """An offer's sort key for a visitor's words, best first: its title rank, the words it
    matched anywhere (title, text, provider, schedule), the words its title holds, the newest
    first; never its funding."""
    document = hit.document
    title = _folded(document.title)
    return (
        -title_rank(document.title, query=query, words=words),
        -len(hit.parts.matched_terms),
        -sum(word.casefold() in title for word in words),
        -document.source_id,
        document.key,
    )


def title_rank(title: str, *, query: str, words: tuple[str, ...]) -> int:
    """How a title matches a query, compared without case, spaces or punctuation: TITLE_EXACT,
    TITLE_PHRASE, TITLE_ALL_WORDS or TITLE_OTHER; the same for pages and offers."""
    folded_title, folded_query = _folded(title), _folded(query)
    if not folded_query:
        return TITLE_OTHER
    if folded_title == folded_query:
        return TITLE_EXACT
    if folded_query in folded_title:
        return TITLE_PHRASE
    if words and all(word.casefold() in folded_title for word in words):
        return TITLE_ALL_WORDS
    return TITLE_OTHER


def _folded(text: str) -> str:
    return "".join(_WORD_CHAR.findall(text.casefold()))


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
