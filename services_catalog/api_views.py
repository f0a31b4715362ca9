"""The HSDS 3.0 read API under /api/hsds/ (Open Referral openapi.json), public and paged."""

import json
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from matching.exceptions import SearchUnavailable
from services_catalog.hsds import selectors as hsds_selectors
from services_catalog.hsds import serializers

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
JSON_OPTIONS = {"ensure_ascii": False}


def _positive_int(request: HttpRequest, name: str, default: int) -> int:
    raw = request.GET.get(name, "")
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(name)
    return int(raw)


def _ndjson(items: Sequence, render: Callable[[Any], dict]) -> StreamingHttpResponse:
    lines = (json.dumps(render(item), ensure_ascii=False) + "\n" for item in items)
    return StreamingHttpResponse(lines, content_type="application/x-ndjson")


def _page(request: HttpRequest, items: Sequence, render: Callable[[Any], dict]) -> HttpResponse:
    if request.GET.get("format") == "ndjson":
        return _ndjson(items, render)
    try:
        number = _positive_int(request, "page", 1)
        per_page = min(_positive_int(request, "per_page", DEFAULT_PER_PAGE), MAX_PER_PAGE)
    except ValueError as error:
        message = _("%(parameter)s must be a whole number of 1 or more.") % {"parameter": error}
        return JsonResponse({"error": message}, status=400, json_dumps_params=JSON_OPTIONS)
    paginator = Paginator(items, per_page)
    contents = (
        [render(item) for item in paginator.get_page(number).object_list]
        if number <= paginator.num_pages
        else []
    )
    body = {
        "total_items": paginator.count,
        "total_pages": paginator.num_pages if paginator.count else 0,
        "page_number": number,
        "size": len(contents),
        "first_page": number == 1,
        "last_page": number >= paginator.num_pages,
        "empty": not contents,
        "contents": contents,
    }
    return JsonResponse(body, json_dumps_params=JSON_OPTIONS)


def _flag(request: HttpRequest, name: str) -> bool:
    return request.GET.get(name, "").lower() in {"1", "true", "yes"}


def search_unavailable(view):
    """Answer 503 with a message when the search backend cannot be reached."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except SearchUnavailable:
            message = _("Search is unavailable at the moment; try again later.")
            return JsonResponse({"error": message}, status=503, json_dumps_params=JSON_OPTIONS)

    return wrapper


@require_GET
def api_root(request: HttpRequest) -> JsonResponse:
    """What this API is: HSDS version, profile and openapi description."""
    body = {
        "version": "3.0",
        "profile": "https://docs.openreferral.org/en/v3.0/",
        "openapi_url": request.build_absolute_uri(reverse("hsds:openapi")),
    }
    return JsonResponse(body, json_dumps_params=JSON_OPTIONS)


@require_GET
def openapi(request: HttpRequest) -> JsonResponse:
    """The HSDS openapi.json this API implements."""
    return JsonResponse(hsds_selectors.openapi_document(), json_dumps_params=JSON_OPTIONS)


@require_GET
@search_unavailable
def service_list(request: HttpRequest) -> HttpResponse:
    """Published services, filtered by search, taxonomy, organization and modification date."""
    modified_after = parse_datetime(request.GET.get("modified_after", "") or "")
    services = hsds_selectors.hsds_services(
        search=request.GET.get("search", ""),
        taxonomy_term_id=request.GET.get("taxonomy_term_id", ""),
        taxonomy_id=request.GET.get("taxonomy_id", ""),
        organization_id=request.GET.get("organization_id", ""),
        modified_after=modified_after,
    )
    if _flag(request, "minimal"):
        return _page(
            request,
            services,
            lambda page: {"id": str(page.hsds_id), "name": page.title, "status": "active"},
        )
    render = serializers.service_doc if _flag(request, "full") else serializers.service_list_doc
    return _page(request, services, render)


@require_GET
def service_detail(request: HttpRequest, hsds_id) -> JsonResponse:
    """One published service, fully nested."""
    page = get_object_or_404(hsds_selectors.hsds_services(), hsds_id=hsds_id)
    return JsonResponse(serializers.service_doc(page), json_dumps_params=JSON_OPTIONS)


@require_GET
def organization_list(request: HttpRequest) -> HttpResponse:
    """Verified provider organizations."""
    organizations = hsds_selectors.hsds_organizations(search=request.GET.get("search", ""))
    if _flag(request, "full") or _flag(request, "full_service"):
        return _page(request, organizations, lambda org: _organization_full(request, org))
    return _page(request, organizations, serializers.organization_list_doc)


def _organization_full(request: HttpRequest, organization) -> dict:
    render = (
        serializers.service_doc if _flag(request, "full_service") else serializers.service_list_doc
    )
    services = [render(page) for page in hsds_selectors.hsds_services(organization=organization)]
    return serializers.organization_doc(organization, services=services)


@require_GET
def organization_detail(request: HttpRequest, hsds_id) -> JsonResponse:
    """One organization with its services."""
    organization = hsds_selectors.hsds_organization(str(hsds_id))
    if organization is None:
        raise Http404
    return JsonResponse(_organization_full(request, organization), json_dumps_params=JSON_OPTIONS)


@require_GET
@search_unavailable
def service_at_location_list(request: HttpRequest) -> HttpResponse:
    """Where each published service is delivered."""
    locations = hsds_selectors.hsds_locations(
        search=request.GET.get("search", ""),
        taxonomy_term_id=request.GET.get("taxonomy_term_id", ""),
        organization_id=request.GET.get("organization_id", ""),
    )
    full = _flag(request, "full")
    return _page(
        request,
        locations,
        lambda location: serializers.service_at_location_doc(location, full=full),
    )


@require_GET
def service_at_location_detail(request: HttpRequest, hsds_id) -> JsonResponse:
    """One service at one location, fully nested."""
    location = hsds_selectors.hsds_service_at_location(str(hsds_id))
    if location is None:
        raise Http404
    return JsonResponse(
        serializers.service_at_location_doc(location), json_dumps_params=JSON_OPTIONS
    )


@require_GET
def taxonomy_list(request: HttpRequest) -> HttpResponse:
    """The one taxonomy of service categories."""
    return _page(request, [serializers.taxonomy_doc()], lambda document: document)


@require_GET
def taxonomy_detail(request: HttpRequest, hsds_id) -> JsonResponse:
    """The taxonomy of service categories."""
    if str(hsds_id) != serializers.taxonomy_id():
        raise Http404
    return JsonResponse(serializers.taxonomy_doc(), json_dumps_params=JSON_OPTIONS)


@require_GET
def taxonomy_term_list(request: HttpRequest) -> HttpResponse:
    """The service categories as taxonomy terms (all top level)."""
    terms = hsds_selectors.hsds_taxonomy_terms(
        search=request.GET.get("search", ""),
        taxonomy_id=request.GET.get("taxonomy_id", ""),
        parent_id=request.GET.get("parent_id", ""),
    )
    return _page(request, terms, serializers.taxonomy_term_doc)


@require_GET
def taxonomy_term_detail(request: HttpRequest, hsds_id) -> JsonResponse:
    """One service category as a taxonomy term."""
    category = hsds_selectors.hsds_taxonomy_term(str(hsds_id))
    if category is None:
        raise Http404
    return JsonResponse(serializers.taxonomy_term_doc(category), json_dumps_params=JSON_OPTIONS)
