"""Reads behind the HSDS API and export: what is public, found by HSDS identifiers."""

import copy
import json
from datetime import datetime
from functools import cache
from importlib import metadata

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from matching.funding import funded_offers_rule
from matching.models import Category
from portal.organizations.models import (
    Organization,
    OrganizationKind,
    ProviderSectionPage,
    VerificationStatus,
)
from services_catalog.hsds import codelists, serializers
from services_catalog.hsds.validation import SCHEMA_DIR
from services_catalog.models import OfferLocation, ServiceOfferPage
from services_catalog.selectors import offer_catalog, offer_keyword_ranking


@cache
def openapi_document() -> dict:
    """The HSDS openapi.json description of this API, as published by Open Referral."""
    return json.loads((SCHEMA_DIR / "openapi.json").read_text(encoding="utf-8"))


def _project_version() -> str:
    try:
        return metadata.version("reintegration-marketplace")
    except metadata.PackageNotFoundError:
        return "unreleased"


def deployment_openapi(site_url: str) -> dict:
    """The HSDS description filled in for this deployment: title, version, contact, server."""
    document = copy.deepcopy(openapi_document())
    document["info"] = {
        "title": "河南省社区矫正社会服务目录 HSDS API (Henan reintegration services directory)",
        "version": f"{_project_version()} (HSDS 3.0)",
        "summary": "Open Referral HSDS 3.0 read API of the published service offers.",
        "description": (
            "Published service offers of social organizations for community corrections in "
            "Henan, as Human Services Data Specification 3.0 documents. Read only."
        ),
        "license": {
            "name": "CC BY-SA 4.0 (HSDS description: Open Referral)",
            "url": "https://creativecommons.org/licenses/by-sa/4.0/",
        },
    }
    document["servers"] = [
        {"url": f"{site_url.rstrip('/')}/api/hsds", "description": "This deployment"}
    ]
    return document


def hsds_organizations(*, search: str = "") -> QuerySet[Organization]:
    """Verified social organizations, the providers of services."""
    organizations = (
        Organization.objects.filter(
            status=VerificationStatus.VERIFIED, kind=OrganizationKind.SOCIAL_ORGANIZATION
        )
        .select_related("jurisdiction")
        .order_by("name")
    )
    if search:
        organizations = organizations.filter(
            Q(name__icontains=search) | Q(description__icontains=search)
        )
    return organizations


def hsds_organization(hsds_id: str) -> Organization | None:
    """The verified organization with this HSDS identifier (a uuid5 of its credit code)."""
    return next(
        (org for org in hsds_organizations() if serializers.organization_id(org) == hsds_id), None
    )


def _category_for_term(term_id: str) -> Category | None:
    return next(
        (item for item in Category.objects.all() if serializers.taxonomy_term_id(item) == term_id),
        None,
    )


def with_funding(services: QuerySet[ServiceOfferPage]) -> QuerySet[ServiceOfferPage]:
    """Services with `funded_by_contract` read in the list's own query, not one query each."""
    rule = funded_offers_rule(
        kind="service", organization_field="organization", categories_field="categories"
    )
    funded = ServiceOfferPage.objects.filter(rule, pk=OuterRef("pk"))
    # The annotation fills the model's cached property of the same name.
    return services.annotate(funded_by_contract=Exists(funded))


def hsds_services(
    *,
    search: str = "",
    taxonomy_term_id: str = "",
    taxonomy_id: str = "",
    organization_id: str = "",
    modified_after: datetime | None = None,
    organization: Organization | None = None,
) -> QuerySet[ServiceOfferPage]:
    """Published services, optionally found by keyword, category, organization or date."""
    services = with_funding(offer_catalog()).prefetch_related(
        "locations__jurisdiction__parent__parent", "organization__jurisdiction", "_revisions__user"
    )
    # Every offer carries codes of the codelist taxonomy (delivery modes at least).
    if taxonomy_id and taxonomy_id not in (serializers.taxonomy_id(), codelists.taxonomy_id()):
        return services.none()
    if taxonomy_term_id:
        services = services.filter(categories=_category_for_term(taxonomy_term_id)).distinct()
    if organization_id:
        organization = hsds_organization(organization_id)
        if organization is None:
            return services.none()
    if organization is not None:
        section = ProviderSectionPage.objects.filter(organization=organization).first()
        services = services.filter(path__startswith=section.path) if section else services.none()
    if modified_after is not None:
        services = services.filter(last_published_at__gte=modified_after)
    if search:
        services = services.filter(pk__in=offer_keyword_ranking(search))
    return services


def with_services(organizations: QuerySet[Organization]) -> QuerySet[Organization]:
    """Organizations with their published services (`hsds_service_list`), one read per list."""
    services = Prefetch("service_offers", queryset=hsds_services(), to_attr="hsds_service_list")
    return organizations.prefetch_related(services)


def hsds_locations(
    *,
    search: str = "",
    taxonomy_term_id: str = "",
    organization_id: str = "",
    modified_after: datetime | None = None,
) -> QuerySet[OfferLocation]:
    """The locations of published services (one service at location each)."""
    services = hsds_services(
        search=search,
        taxonomy_term_id=taxonomy_term_id,
        organization_id=organization_id,
        modified_after=modified_after,
    )
    return (
        OfferLocation.objects.filter(page__in=services.values("pk"))
        .select_related("page__organization", "jurisdiction__parent__parent")
        .prefetch_related("page__schedule", "page__categories")
        .order_by("page__title", "sort_order", "pk")
    )


def hsds_service_at_location(hsds_id: str) -> OfferLocation | None:
    """The location of a published service whose service-at-location identifier is given."""
    return next(
        (
            location
            for location in hsds_locations()
            if serializers.service_at_location_id(location) == hsds_id
        ),
        None,
    )


def hsds_taxonomy_terms(
    *, search: str = "", taxonomy_id: str = "", parent_id: str = ""
) -> QuerySet[Category]:
    """The active service categories (a flat taxonomy: no term has a parent)."""
    categories = Category.objects.filter(is_active=True)
    if (taxonomy_id and taxonomy_id != serializers.taxonomy_id()) or parent_id:
        return categories.none()
    if search:
        categories = categories.filter(Q(name__icontains=search) | Q(name_en__icontains=search))
    return categories


def hsds_taxonomy_term(hsds_id: str) -> Category | None:
    """The category with this taxonomy-term identifier."""
    return _category_for_term(hsds_id)


def _matches(term: dict, search: str, taxonomy_id: str, parent_id: str, top_only: bool) -> bool:
    text = f"{term['code']} {term['name']} {term['description']}".lower()
    return (
        (not search or search.lower() in text)
        and (not taxonomy_id or term["taxonomy_id"] == taxonomy_id)
        and (not parent_id or term.get("parent_id") == parent_id)
        and (not top_only or "parent_id" not in term)
    )


def hsds_taxonomy_term_docs(
    *, search: str = "", taxonomy_id: str = "", parent_id: str = "", top_only: bool = False
) -> list[dict]:
    """The terms of both taxonomies (categories, then codes) as HSDS documents, filtered."""
    terms = [
        serializers.taxonomy_term_doc(item) for item in Category.objects.filter(is_active=True)
    ]
    terms += codelists.all_term_docs()
    return [term for term in terms if _matches(term, search, taxonomy_id, parent_id, top_only)]


def all_services() -> QuerySet[ServiceOfferPage]:
    """Every offer, drafts and ended ones included (their latest saved version), for backups."""
    pages = with_funding(ServiceOfferPage.objects.order_by("path")).prefetch_related(
        "categories",
        "service_area",
        "locations__jurisdiction__parent__parent",
        "schedule",
        "organization__jurisdiction",
        "_revisions__user",
    )
    return pages
