"""Reads of the service catalog shared by the public catalog, the detail page and the HSDS API."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet, Window
from django.http import HttpRequest

from wagtail.models import Page, WorkflowState

from matching import selectors as matching_selectors
from matching.models import Category
from matching.types import MatchQuery
from portal.cache import fragments, generation
from portal.geography import haversine_km
from portal.organizations.models import Jurisdiction, JurisdictionLevel
from services_catalog.documents import live_offers
from services_catalog.models import CostKind, OfferLocation, ServiceOfferPage

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
    inside = ServiceOfferPage.objects.filter(
        Q(locations__jurisdiction__code__startswith=prefix)
        | Q(service_area__code__startswith=prefix)
        | Q(service_area__in=ancestors)
    )
    return queryset.filter(pk__in=inside.values("pk"))


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


def nearest_km(origin: Jurisdiction, points: list[tuple]) -> float | None:
    """Distance from a division's centre to the nearest of some (latitude, longitude) points
    (None: no point)."""
    distances = [
        haversine_km(
            float(origin.latitude), float(origin.longitude), float(latitude), float(longitude)
        )
        for latitude, longitude in points
        if latitude is not None and longitude is not None
    ]
    return min(distances) if distances else None


@dataclass(frozen=True)
class Facet:
    """A category of the catalog's filters, with how many of the listed offers are in it."""

    slug: str
    display_name: str
    offer_count: int


def category_facets(queryset: QuerySet[ServiceOfferPage]) -> list[Facet]:
    """Active categories in the reader's language with how many of the listed offers are in
    each (one query)."""
    listed = queryset.order_by().values("pk")
    counts = (
        Category.objects.filter(is_active=True)
        .annotate(
            offer_count=Count("service_offers", filter=Q(service_offers__in=listed), distinct=True)
        )
        .values_list("slug", "offer_count")
    )
    names = matching_selectors.category_names_in_language()
    return [Facet(slug, names[slug], count) for slug, count in counts]


# What a card reads of an offer, as plain values: no page is built (its URL needs its path only).
CARD_VALUES = ("pk", "url_path", "title", "summary", "cost", "organization__name")
COST_LABELS = dict(CostKind.choices)


def card_rows(queryset: QuerySet[ServiceOfferPage]) -> QuerySet:
    """The offers of a catalog list as the values their cards show, in the list's order."""
    return queryset.prefetch_related(None).values(*CARD_VALUES)


def listed_offers(queryset: QuerySet[ServiceOfferPage]) -> QuerySet[ServiceOfferPage]:
    """The filtered offers once each without DISTINCT, which a count over the rows (a window)
    would see through: the filters that join many rows per offer stay in a subquery."""
    if not queryset.query.distinct:
        return queryset
    return offer_catalog().filter(pk__in=queryset.order_by().values("pk"))


def counted(rows: QuerySet) -> QuerySet:
    """Card rows that each carry how many rows the whole list has (`listed`): a page of them is
    counted by the query that reads it."""
    return rows.annotate(listed=Window(Count("pk")))


def card_rows_by_ids(queryset: QuerySet[ServiceOfferPage], ids: list[int]) -> list[dict]:
    """The card rows of a queryset's offers in the order of a ranking (search relevance)."""
    by_id = {row["pk"]: row for row in card_rows(queryset.filter(pk__in=ids))}
    return [by_id[pk] for pk in ids if pk in by_id]


def card_rows_by_distance(queryset: QuerySet[ServiceOfferPage], origin: Jurisdiction) -> list[dict]:
    """Card rows nearest first from a division's centre, each with its `distance_km`; offers
    without location last."""
    points: dict[int, list[tuple]] = {}
    located = OfferLocation.objects.filter(page__in=queryset.values("pk"))
    for page_id, *point in located.values_list("page_id", "latitude", "longitude"):
        points.setdefault(page_id, []).append(point)
    rows = [
        {**row, "distance_km": nearest_km(origin, points.get(row["pk"], []))}
        for row in card_rows(queryset)
    ]
    return sorted(rows, key=lambda row: (row["distance_km"] is None, row["distance_km"] or 0))


@dataclass(frozen=True)
class OfferCard:
    """What the catalog shows of one offer, read in the view instead of in the template."""

    title: str
    url: str
    provider: str
    summary: str
    categories: tuple[str, ...]
    cost: str
    place: str
    address: str
    distance_km: float | None


def _card_categories(ids: list[int]) -> dict[int, list[str]]:
    """The category names of some offers in the reader's language, in the taxonomy's order."""
    names = matching_selectors.category_names_in_language()
    by_offer: dict[int, list[str]] = {}
    pairs = Category.objects.filter(service_offers__in=ids).values_list("service_offers", "slug")
    for offer_id, slug in pairs:
        by_offer.setdefault(offer_id, []).append(names[slug])
    return by_offer


# A location's address and its division's names and levels up to the city, for its full name.
PLACE_VALUES = (
    "page_id",
    "address",
    "jurisdiction__name",
    "jurisdiction__level",
    "jurisdiction__parent__name",
    "jurisdiction__parent__level",
    "jurisdiction__parent__parent__name",
    "jurisdiction__parent__parent__level",
)


def _card_places(ids: list[int]) -> dict[int, tuple[str, str]]:
    """The full name of the division and the address of some offers' first locations."""
    places: dict[int, tuple[str, str]] = {}
    rows = OfferLocation.objects.filter(page_id__in=ids).values_list(*PLACE_VALUES)
    for page_id, address, *divisions in rows:
        if page_id not in places:
            division = _division(divisions)
            places[page_id] = (division.full_name if division else "", address)
    return places


def _division(names_and_levels: list) -> Jurisdiction | None:
    """A location's division (unsaved) with its parents, from their names and levels read
    nearest first: what its full name is made of."""
    division: Jurisdiction | None = None
    pairs = list(zip(names_and_levels[::2], names_and_levels[1::2], strict=True))
    for name, level in reversed(pairs):
        if name is not None:
            division = Jurisdiction(name=name, level=level, parent=division)
    return division


def offer_cards(rows: list[dict], request: HttpRequest | None) -> list[OfferCard]:
    """The cards of a page of card rows in the reader's language (two queries)."""
    ids = [row["pk"] for row in rows]
    categories, places = _card_categories(ids), _card_places(ids)
    link = ServiceOfferPage()  # Wagtail's URL rule for each row's path, without a page per row
    cards = []
    for row in rows:
        link.url_path = row["url_path"]
        place, address = places.get(row["pk"], ("", ""))
        cards.append(
            OfferCard(
                title=row["title"],
                url=link.get_url(request=request) or "",
                provider=row["organization__name"] or "",
                summary=row["summary"],
                categories=tuple(categories.get(row["pk"], ())),
                cost=str(COST_LABELS.get(row["cost"], row["cost"])),
                place=place,
                address=address,
                distance_km=row.get("distance_km"),
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
