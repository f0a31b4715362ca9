"""The public service catalog at /services/: filters, Chinese full-text search, nearest first."""

import hashlib

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from matching.exceptions import SearchUnavailable
from portal.cache import fragment_key, fragment_seconds, fragments
from portal.identity import search_text
from portal.organizations.models import Jurisdiction
from portal.organizations.selectors import agency_for_user, areas_by_code
from portal.pagination import page_number, paginate
from portal.sites import current_site
from services_catalog import selectors
from services_catalog.filters import ServiceOfferFilter
from services_catalog.models import ServiceOfferPage

PAGE_SIZE = 12
SORTS = {"newest": _("Newest"), "nearest": _("Nearest to a county"), "title": _("Title")}


def _ranked(
    request: HttpRequest, queryset: QuerySet[ServiceOfferPage], origin, keyword: str, listed
):
    """The card rows in list order for relevance or nearness, else the offers in their order
    (`listed`: the queryset's ids' SQL)."""
    sort = request.GET.get("sort", "")
    if keyword:
        ids = selectors.offer_keyword_ranking(keyword)
        if sort not in SORTS:
            return selectors.card_rows_by_ids(queryset, ids, listed=listed)
        queryset = queryset.filter(pk__in=ids)
    if sort == "nearest" and origin is not None:
        return selectors.card_rows_by_distance(queryset, origin)
    return queryset.order_by(*selectors.BY_TITLE) if sort == "title" else queryset


def _origin(request: HttpRequest) -> tuple[Jurisdiction | None, bool]:
    """Where nearest-first measures from: the chosen county, else (for caseworkers and agency
    managers) their agency's county; the flag says it is the agency's."""
    near = request.GET.get("near", "")
    chosen = areas_by_code().get(near) if near else None
    if chosen is not None or request.GET.get("sort") != "nearest":
        return chosen, False
    agency = agency_for_user(request.user)
    return (agency.jurisdiction, True) if agency is not None else (None, False)


def catalog(request: HttpRequest) -> HttpResponse:
    """List published offers with faceted filters, keyword search, sorting and pages."""
    keyword = search_text(request)
    key = _listing_key(request, keyword)
    listing = fragments().get(key) if key else None
    if listing is None:
        listing, complete = _listing(request, keyword)
        if key and complete:
            fragments().set(key, listing, fragment_seconds())
    return render(request, "services_catalog/catalog.html", {"listing": listing})


def _listing_key(request: HttpRequest, keyword: str) -> str:
    """The list's fragment key: generation, language, date, the query and, for nearest first
    from the reader's agency, its county; empty (not cached) when a keyword was refused."""
    if not fragment_seconds() or keyword != request.GET.get("q", "").strip():
        return ""
    agency_origin = None
    if request.GET.get("sort") == "nearest" and not request.GET.get("near"):
        agency = agency_for_user(request.user)
        agency_origin = agency.jurisdiction_id if agency is not None else None
    query = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()
    today = timezone.localdate().isoformat()
    return fragment_key(request, "services_catalog:list", today, agency_origin, query)


def _page(request: HttpRequest, rows, listed: tuple[str, tuple] | None) -> Page:
    """One page of card rows: of a list, or of a queryset counted by the query that reads the
    page (a window count) instead of a query of its own, unless the page is past the end
    (`listed`: the queryset's ids' SQL if already written)."""
    if isinstance(rows, list):
        return paginate(request, rows, PAGE_SIZE)
    number = page_number(request)
    start = (number - 1) * PAGE_SIZE
    found = selectors.card_page(queryset=rows, start=start, size=PAGE_SIZE, listed=listed)
    if not found:
        return Paginator(selectors.card_rows(rows), PAGE_SIZE).get_page(number)
    paginator = Paginator(rows, PAGE_SIZE)
    paginator.count = found[0]["listed"]
    return Page(found, number, paginator)


def _listing(request: HttpRequest, keyword: str) -> tuple[SafeString, bool]:
    """The list's HTML (filters, count, cards, pages), and whether it is complete (cacheable)."""
    filterset = ServiceOfferFilter(request.GET or None, queryset=selectors.offer_catalog())
    queryset = selectors.listed_offers(filterset.qs)
    origin, origin_is_agency = _origin(request)
    listed = selectors.listed_ids(queryset)
    try:
        ranked = _ranked(request, queryset, origin, keyword, listed)
    except SearchUnavailable:
        ranked, search_unavailable = [], True
    else:
        search_unavailable = False
    # A keyword and a sort narrow the list the page is read from; else it is the facets' list.
    page = _page(request, ranked, None if keyword else listed)
    current_site(request)  # leaves the sites' root paths on the request for the cards' URLs
    page.object_list = selectors.offer_cards(list(page.object_list), request)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "page_obj": page,
        "keyword": keyword,
        "origin": origin,
        "origin_is_agency": origin_is_agency,
        "nearest_without_origin": request.GET.get("sort") == "nearest" and origin is None,
        "sorts": SORTS,
        "sort": request.GET.get("sort", ""),
        "areas": selectors.area_choices(),
        "facets": selectors.category_facets(queryset, listed=listed),
        "querystring": query.urlencode(),
        "search_unavailable": search_unavailable,
    }
    html = render_to_string("services_catalog/includes/catalog_list.html", context)
    return mark_safe(html), not search_unavailable  # noqa: S308  # nosec B308 B703
