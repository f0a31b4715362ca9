"""The HSDS 3.0 read API under /api/hsds/ (Open Referral openapi.json), public and paged.

It answers on the description's own paths (with or without a trailing slash), only to GET and
HEAD, and every answer is JSON: pages, documents and errors alike.
"""

import json
import uuid
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from matching.exceptions import SearchUnavailable
from portal.views import JSON_OPTIONS, json_error
from services_catalog.hsds import selectors as hsds_selectors
from services_catalog.hsds import serializers

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
READ_METHODS = ("GET", "HEAD")
TRUE = {"1", "true", "yes"}
Listing = QuerySet | Sequence


class BadParameter(ValueError):
    """A query parameter the API cannot use; answered with 400 and the reason."""


def _not_found() -> JsonResponse:
    return json_error(404, _("Nothing with this identifier is published here."))


def hsds_endpoint(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Read-only JSON endpoint: 405 for writes, 400 for bad parameters, 503 without search."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if request.method not in READ_METHODS:
            message = _("This API is read-only: use GET.")
            return json_error(405, message, Allow=", ".join(READ_METHODS))
        try:
            return view(request, *args, **kwargs)
        except BadParameter as error:
            return json_error(400, str(error))
        except SearchUnavailable:
            return json_error(503, _("Search is unavailable at the moment; try again later."))

    return wrapper


def _text(request: HttpRequest, name: str) -> str:
    return request.GET.get(name, "").strip()


def _positive_int(request: HttpRequest, name: str, default: int) -> int:
    raw = _text(request, name)
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise BadParameter(
            _("%(parameter)s must be a whole number of 1 or more.") % {"parameter": name}
        )
    return int(raw)


def _flag(request: HttpRequest, name: str) -> bool:
    return _text(request, name).lower() in TRUE


def _modified_after(request: HttpRequest):
    raw = _text(request, "modified_after")
    if not raw:
        return None
    try:
        value = parse_datetime(raw)
    except ValueError:
        value = None
    if value is None:
        raise BadParameter(_("modified_after must be a date and time (ISO 8601)."))
    return value


def _ndjson(items: Listing, render: Callable[[Any], dict]) -> StreamingHttpResponse:
    lines = (json.dumps(render(item), ensure_ascii=False) + "\n" for item in items)
    return StreamingHttpResponse(lines, content_type="application/x-ndjson")


def _page(request: HttpRequest, items: Listing, render: Callable[[Any], dict]) -> HttpResponseBase:
    if _text(request, "format") == "ndjson":
        return _ndjson(items, render)
    number = _positive_int(request, "page", 1)
    per_page = min(_positive_int(request, "per_page", DEFAULT_PER_PAGE), MAX_PER_PAGE)
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


def _document(document: dict) -> JsonResponse:
    return JsonResponse(document, json_dumps_params=JSON_OPTIONS)


def _uuid(value: str) -> str | None:
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        return None


@hsds_endpoint
def api_root(request: HttpRequest) -> JsonResponse:
    """What this API is: HSDS version, profile and openapi description."""
    body = {
        "version": "3.0",
        "profile": "https://docs.openreferral.org/en/v3.0/",
        "openapi_url": request.build_absolute_uri(reverse("hsds:openapi")),
    }
    return _document(body)


@hsds_endpoint
def openapi(request: HttpRequest) -> JsonResponse:
    """The HSDS openapi.json, describing this deployment (title, version, server)."""
    return _document(hsds_selectors.deployment_openapi(settings.SITE_URL))


@hsds_endpoint
def service_list(request: HttpRequest) -> HttpResponseBase:
    """Published services, filtered by search, taxonomy, organization and modification date."""
    services = hsds_selectors.hsds_services(
        search=_text(request, "search"),
        taxonomy_term_id=_text(request, "taxonomy_term_id"),
        taxonomy_id=_text(request, "taxonomy_id"),
        organization_id=_text(request, "organization_id"),
        modified_after=_modified_after(request),
    )
    if _flag(request, "minimal"):
        return _page(
            request,
            services,
            lambda page: {"id": str(page.hsds_id), "name": page.title, "status": "active"},
        )
    render = serializers.service_doc if _flag(request, "full") else serializers.service_list_doc
    return _page(request, services, render)


@hsds_endpoint
def service_detail(request: HttpRequest, hsds_id: str) -> JsonResponse:
    """One published service, fully nested."""
    key = _uuid(hsds_id)
    page = hsds_selectors.hsds_services().filter(hsds_id=key).first() if key else None
    return _document(serializers.service_doc(page)) if page else _not_found()


@hsds_endpoint
def organization_list(request: HttpRequest) -> HttpResponseBase:
    """Verified provider organizations."""
    organizations = hsds_selectors.hsds_organizations(search=_text(request, "search"))
    if _flag(request, "full") or _flag(request, "full_service"):
        organizations = hsds_selectors.with_services(organizations)
        return _page(
            request,
            organizations,
            lambda org: _organization_full(request, org, org.hsds_service_list),
        )
    return _page(request, organizations, serializers.organization_list_doc)


def _organization_full(request: HttpRequest, organization, services: Listing) -> dict:
    render = (
        serializers.service_doc if _flag(request, "full_service") else serializers.service_list_doc
    )
    documents = [render(page) for page in services]
    return serializers.organization_doc(organization, services=documents)


@hsds_endpoint
def organization_detail(request: HttpRequest, hsds_id: str) -> JsonResponse:
    """One organization with its services."""
    key = _uuid(hsds_id)
    organization = hsds_selectors.hsds_organization(key) if key else None
    if organization is None:
        return _not_found()
    services = hsds_selectors.hsds_services(organization=organization)
    return _document(_organization_full(request, organization, services))


@hsds_endpoint
def service_at_location_list(request: HttpRequest) -> HttpResponseBase:
    """Where each published service is delivered, with the service's own fields."""
    locations = hsds_selectors.hsds_locations(
        search=_text(request, "search"),
        taxonomy_term_id=_text(request, "taxonomy_term_id"),
        organization_id=_text(request, "organization_id"),
        modified_after=_modified_after(request),
    )
    full = _flag(request, "full")
    return _page(
        request,
        locations,
        lambda location: serializers.service_at_location_doc(location, full=full),
    )


@hsds_endpoint
def service_at_location_detail(request: HttpRequest, hsds_id: str) -> JsonResponse:
    """One service at one location, fully nested."""
    key = _uuid(hsds_id)
    location = hsds_selectors.hsds_service_at_location(key) if key else None
    if location is None:
        return _not_found()
    return _document(serializers.service_at_location_doc(location))


@hsds_endpoint
def taxonomy_list(request: HttpRequest) -> HttpResponseBase:
    """Both taxonomies: service categories and our codelists."""
    search = _text(request, "search").lower()
    taxonomies = [
        document
        for document in serializers.taxonomy_docs()
        if not search or search in (document["name"] + document["description"]).lower()
    ]
    return _page(request, taxonomies, lambda document: document)


@hsds_endpoint
def taxonomy_detail(request: HttpRequest, hsds_id: str) -> JsonResponse:
    """One taxonomy."""
    found = [doc for doc in serializers.taxonomy_docs() if doc["id"] == _uuid(hsds_id)]
    return _document(found[0]) if found else _not_found()


@hsds_endpoint
def taxonomy_term_list(request: HttpRequest) -> HttpResponseBase:
    """The terms of both taxonomies: categories and codes."""
    terms = hsds_selectors.hsds_taxonomy_term_docs(
        search=_text(request, "search"),
        taxonomy_id=_text(request, "taxonomy_id"),
        parent_id=_text(request, "parent_id"),
        top_only=_flag(request, "top_only"),
    )
    return _page(request, terms, lambda document: document)


@hsds_endpoint
def taxonomy_term_detail(request: HttpRequest, hsds_id: str) -> JsonResponse:
    """One taxonomy term: a service category or a code."""
    key = _uuid(hsds_id)
    found = [doc for doc in hsds_selectors.hsds_taxonomy_term_docs() if doc["id"] == key]
    return _document(found[0]) if found else _not_found()


@hsds_endpoint
def unknown_path(request: HttpRequest, path: str = "") -> JsonResponse:
    """Anything else under /api/hsds/: a JSON 404 (the API never answers with a page)."""
    return json_error(404, _("There is no such endpoint in this API."))
