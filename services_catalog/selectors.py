"""Reads of the service catalog shared by the public catalog, the detail page and the HSDS API."""

import math
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpRequest

from wagtail.models import Page, WorkflowState

from matching import selectors as matching_selectors
from matching.models import Category
from matching.types import MatchQuery
from portal.cache import fragments, generation
from portal.organizations.models import Jurisdiction, JurisdictionLevel
from services_catalog.documents import live_offers
from services_catalog.models import OfferLocation, ServiceOfferPage

EARTH_RADIUS_KM = 6371.0
SEARCH_LIMIT = 500


def offer_catalog() -> QuerySet[ServiceOfferPage]:
    """Published, unexpired offers with what the catalog list shows."""
    return live_offers().order_by("-first_published_at", "pk")


def division_prefix(code: str) -> str:
    """The code prefix shared by a division and everything inside it (410100 -> 4101)."""
    prefix = code
    while len(prefix) > 2 and prefix.endswith("00"):
        prefix = prefix[:-2]
    return prefix


def offers_in_area(
    queryset: QuerySet[ServiceOfferPage], jurisdiction: Jurisdiction
) -> QuerySet[ServiceOfferPage]:
    """Offers delivered in a division, or whose service area covers it."""
    prefix = division_prefix(jurisdiction.code)
    ancestors = [jurisdiction.pk]
    parent = jurisdiction.parent
    while parent is not None:
        ancestors.append(parent.pk)
        parent = parent.parent
    return queryset.filter(
        Q(locations__jurisdiction__code__startswith=prefix)
        | Q(service_area__code__startswith=prefix)
        | Q(service_area__in=ancestors)
    ).distinct()


def area_choices() -> dict[str, list[tuple[str, str]]]:
    """The catalog's city and county options as (code, full name), read once per generation."""
    key = f"services_catalog:areas:{generation()}"
    cache = fragments()
    choices = cache.get(key)
    if choices is None:
        counties = Jurisdiction.objects.filter(
            level__in=[JurisdictionLevel.COUNTY, JurisdictionLevel.ZONE]
        ).select_related("parent")
        cities = Jurisdiction.objects.filter(level=JurisdictionLevel.CITY)
        choices = {
            "city": [(city.code, city.name) for city in cities.order_by("code")],
            "county": [(county.code, county.full_name) for county in counties.order_by("code")],
        }
        cache.set(key, choices, None)
    return choices


def offer_keyword_ranking(keyword: str) -> list[int]:
    """Offer page ids matching a keyword, best first, from the matching engine (jieba or cjk)."""
    query = MatchQuery(keyword=keyword, kinds=("service",), limit=SEARCH_LIMIT)
    result = matching_selectors.offer_search(query=query)
    return [hit.document.source_id for hit in result.hits]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def offer_distance_km(offer: ServiceOfferPage, origin: Jurisdiction) -> float | None:
    """Distance from a division's centre to the offer's nearest location (None: no location)."""
    distances = [
        haversine_km(
            float(origin.latitude),
            float(origin.longitude),
            float(location.latitude),
            float(location.longitude),
        )
        for location in offer.locations.all()
        if location.latitude is not None and location.longitude is not None
    ]
    return min(distances) if distances else None


@dataclass(frozen=True)
class RankedOffer:
    """An offer in the catalog list, with its distance when sorted by nearness."""

    page: ServiceOfferPage
    distance_km: float | None = None


def offers_by_distance(
    queryset: QuerySet[ServiceOfferPage], origin: Jurisdiction
) -> list[RankedOffer]:
    """Offers sorted nearest first from a division's centre; offers without location last."""
    ranked = [RankedOffer(page, offer_distance_km(page, origin)) for page in queryset]
    return sorted(ranked, key=lambda item: (item.distance_km is None, item.distance_km or 0))


def offers_by_ids(queryset: QuerySet[ServiceOfferPage], ids: list[int]) -> list[RankedOffer]:
    """The offers of a queryset in the order of a ranking (search relevance)."""
    by_id = {page.pk: page for page in queryset.filter(pk__in=ids)}
    return [RankedOffer(by_id[pk]) for pk in ids if pk in by_id]


def category_facets(queryset: QuerySet[ServiceOfferPage]) -> QuerySet[Category]:
    """Active categories with how many of the listed offers are in each (one query)."""
    listed = queryset.order_by().values("pk")
    return Category.objects.filter(is_active=True).annotate(
        offer_count=Count("service_offers", filter=Q(service_offers__in=listed), distinct=True)
    )


# What a card reads of an offer (and what its URL needs); the long texts stay in the database.
CARD_FIELDS = (
    "id",
    "path",
    "depth",
    "url_path",
    "locale_id",
    "content_type_id",
    "title",
    "summary",
    "cost",
    "organization",
    "organization__name",
)


def catalog_offers(queryset: QuerySet[ServiceOfferPage]) -> QuerySet[ServiceOfferPage]:
    """The offers of a catalog list with only what a card shows read with them: categories and
    the locations' divisions up to the city (their full names cost no query)."""
    locations = OfferLocation.objects.select_related("jurisdiction__parent__parent")
    return (
        queryset.only(*CARD_FIELDS)
        .prefetch_related(None)
        .prefetch_related("categories", Prefetch("locations", queryset=locations))
    )


@dataclass(frozen=True)
class OfferCard:
    """What the catalog shows of one offer, read in the view instead of in the template."""

    page: ServiceOfferPage
    title: str
    url: str
    provider: str
    summary: str
    categories: tuple[str, ...]
    cost: str
    place: str
    address: str
    distance_km: float | None


def offer_cards(items: list[RankedOffer], request: HttpRequest) -> list[OfferCard]:
    """The cards of a page of ranked offers, in the reader's language."""
    cards = []
    for item in items:
        page = item.page
        location = next(iter(page.locations.all()), None)
        cards.append(
            OfferCard(
                page=page,
                title=page.title,
                url=page.get_url(request=request) or "",
                provider=page.organization.name if page.organization is not None else "",
                summary=page.summary,
                categories=tuple(category.display_name for category in page.categories.all()),
                cost=page.get_cost_display(),
                place=location.jurisdiction.full_name if location else "",
                address=location.address if location else "",
                distance_km=item.distance_km,
            )
        )
    return cards


def seats_left(page: ServiceOfferPage) -> int | None:
    """Seats left on an offer (None: no limit)."""
    if page.seats is None:
        return None
    left = matching_selectors.seats_left(offer_key=matching_selectors.offer_key("service", page.pk))
    return page.seats if left is None else left


def offers_awaiting_approval_count() -> int:
    """How many offers are in the agency's moderation workflow now."""
    return WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS,
        base_content_type=ContentType.objects.get_for_model(Page),
        content_type=ContentType.objects.get_for_model(ServiceOfferPage),
    ).count()
