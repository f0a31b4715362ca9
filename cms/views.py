"""The site search page: pages and news, and every public offer through the matching engine."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from cms.selectors import paginate
from cms.site_search import PAGE_KIND, PUBLIC_OFFER_KINDS, site_search
from portal.identity import search_text

KIND_LABELS = {
    PAGE_KIND: _("Pages and news"),
    **{kind.value: kind.label for kind in PUBLIC_OFFER_KINDS},
}
PER_PAGE = 10


def search(request: HttpRequest) -> HttpResponse:
    """Search the site; the kind facet narrows the hits to pages or one kind of offer."""
    query = search_text(request)[:200]
    kind = request.GET.get("kind", "")
    kind = kind if kind in KIND_LABELS else ""
    result = site_search(query=query, kind=kind) if query else None
    hits = result.hits if result else []
    context = {
        "query": query,
        "kind": kind,
        "facets": _facets(result.counts) if result else [],
        "total": sum(result.counts.values()) if result else 0,
        "results": paginate(hits, request.GET.get("page"), per_page=PER_PAGE),
        "offers_unavailable": bool(result and result.offers_unavailable),
    }
    return render(request, "cms/search.html", context)


def _facets(counts: dict[str, int]) -> list[tuple[str, str, int]]:
    return [(kind, str(label), counts.get(kind, 0)) for kind, label in KIND_LABELS.items()]
