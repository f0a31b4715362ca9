"""The site search page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cms.selectors import pages_search, paginate
from portal.identity import search_text


def search(request: HttpRequest) -> HttpResponse:
    query = search_text(request)[:200]
    results = pages_search(query=query) if query else []
    context = {"query": query, "results": paginate(results, request.GET.get("page"), per_page=10)}
    return render(request, "cms/search.html", context)
