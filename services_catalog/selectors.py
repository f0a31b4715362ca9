"""Reads of the service catalog shared by the public catalog, the detail page and the HSDS API."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Q, QuerySet, Window
from django.db.models.expressions import RawSQL
from django.http import HttpRequest

from wagtail.models import Page, WorkflowState

from matching import selectors as matching_selectors
from matching.models import Category
from matching.types import MatchQuery
from portal.cache import kept_per_generation
from portal.geography import haversine_km
from portal.organizations.models import Jurisdiction, JurisdictionLevel
from portal.organizations.selectors import areas_by_code
from services_catalog.documents import live_offers
from services_catalog.models import CostKind, OfferLocation, ServiceOfferPage

SEARCH_LIMIT = 500
COUNTY_LEVELS = (JurisdictionLevel.COUNTY, JurisdictionLevel.ZONE)
_area_choices: dict[str, Any] = {}
NEWEST = ("-first_published_at", "pk")
BY_TITLE = ("title", "pk")  # offers of the same title stay in one order from page to page


def offer_catalog() -> QuerySet[ServiceOfferPage]:
    """Published, unexpired offers with what the catalog list shows."""
    return live_offers().order_by(*NEWEST)


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
    """The catalog's city and county options as (code, full name), made once per process and
    generation from the areas the filters look choices up in."""
    return kept_per_generation(_area_choices, _made_area_choices)


def _made_area_choices() -> dict[str, list[tuple[str, str]]]:
    areas = sorted(areas_by_code().values(), key=lambda area: area.code)
    return {
        "city": [(area.code, area.name) for area in areas if area.level == JurisdictionLevel.CITY],
        "county": [(area.code, area.full_name) for area in areas if area.level in COUNTY_LEVELS],
    }


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


def category_facets(
    queryset: QuerySet[ServiceOfferPage], *, listed: tuple[str, tuple] | None = None
) -> list[Facet]:
    """Active categories in the reader's language, each with its count of listed offers."""
    listed = listed or listed_ids(queryset)
    counts = rows_around_listed(build=_facet_counts, listed=listed)
    names = matching_selectors.category_names_in_language()
    return [Facet(slug, names[slug], count) for slug, count in counts]


def _facet_counts() -> QuerySet:
    """Active categories and how many listed offers are in each, in the taxonomy's order."""
    listed = Q(service_offers__in=RawSQL(LISTED, ()))  # noqa: S611  # nosec B611 (fixed text)
    return (
        Category.objects.filter(is_active=True)
        .annotate(offer_count=Count("service_offers", filter=listed, distinct=True))
        .order_by("sort_order", "slug")
        .values_list("slug", "offer_count")
    )


# Where a query written once takes the SQL selecting the listed offers' ids: the ORM's building
# of a query around a list's filters costs more than running it.
LISTED = "SELECT 'listed offers'"
NOTHING_LISTED = ("SELECT 1 WHERE 1 = 0", ())


def listed_ids(queryset: QuerySet[ServiceOfferPage]) -> tuple[str, tuple]:
    """The SQL and parameters selecting the ids of a list's offers."""
    try:
        return queryset.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:
        return NOTHING_LISTED


@lru_cache(maxsize=16)
def _around_listed(build: Callable[[], QuerySet]) -> tuple[str, str]:
    """A query's SQL before and after the listed offers' ids, written by the ORM once."""
    sql, params = build().query.sql_with_params()
    if params:
        raise ValueError(f"{build.__name__} has parameters of its own")
    head, tail = sql.split(LISTED)
    return head, tail


def rows_around_listed(
    *, build: Callable[[], QuerySet], listed: tuple[str, tuple], then: str = "", params=()
) -> list[tuple]:
    """The rows of a query written once around the listed offers' ids, then SQL `then`."""
    head, tail = _around_listed(build)
    with connection.cursor() as cursor:
        cursor.execute(f"{head}{listed[0]}{tail}{then}", (*listed[1], *params))
        return cursor.fetchall()


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


def _counted_cards(order: tuple[str, ...]) -> QuerySet:
    """The counted card rows of the listed offers in an order."""
    listed = ServiceOfferPage.objects.filter(pk__in=RawSQL(LISTED, ()))  # noqa: S611  # nosec B611
    return counted(card_rows(listed.order_by(*order)))


def _newest_cards() -> QuerySet:
    """The counted card rows of the listed offers, newest first."""
    return _counted_cards(NEWEST)


def _cards_by_title() -> QuerySet:
    """The counted card rows of the listed offers by title."""
    return _counted_cards(BY_TITLE)


# The orders a catalog list is read in a page at a time, by their ORM ordering.
PAGE_ORDERS: dict[tuple[object, ...], Callable[[], QuerySet]] = {
    NEWEST: _newest_cards,
    BY_TITLE: _cards_by_title,
}


def card_page(
    *,
    queryset: QuerySet[ServiceOfferPage],
    start: int,
    size: int,
    listed: tuple[str, tuple] | None = None,
) -> list[dict]:
    """A page of a list's card rows in its order, each with the list's length (`listed`)."""
    build = PAGE_ORDERS.get(tuple(queryset.query.order_by))
    if build is None:
        return list(counted(card_rows(queryset))[start : start + size])
    listed = listed or listed_ids(queryset)
    limit = " LIMIT %s OFFSET %s"
    rows = rows_around_listed(build=build, listed=listed, then=limit, params=(size, start))
    return [dict(zip((*CARD_VALUES, "listed"), row, strict=True)) for row in rows]


def card_rows_by_ids(
    queryset: QuerySet[ServiceOfferPage], ids: list[int], *, listed: tuple[str, tuple] | None = None
) -> list[dict]:
    """The card rows of a queryset's offers in the order of a ranking (search relevance)."""
    if not ids:
        return []
    sql, params = listed or listed_ids(queryset)
    marks = ", ".join(["%s"] * len(ids))
    ranked = (
        f'SELECT listed."pk" FROM ({sql}) listed WHERE listed."pk" IN ({marks})',  # noqa: S608  # nosec B608
        (*params, *ids),
    )
    rows = rows_around_listed(build=_cards, listed=ranked)
    by_id = {row[0]: dict(zip(CARD_VALUES, row, strict=True)) for row in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


def _cards() -> QuerySet:
    """The card rows of the listed offers."""
    listed = ServiceOfferPage.objects.filter(pk__in=RawSQL(LISTED, ()))  # noqa: S611  # nosec B611
    return card_rows(listed.order_by())


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


def _category_pairs(ids: list[int]) -> QuerySet:
    """Each (offer id, category slug) of some offers, in the taxonomy's order."""
    return Category.objects.filter(service_offers__in=ids).values_list("service_offers", "slug")


def _card_categories(ids: list[int]) -> dict[int, list[str]]:
    """The category names of some offers in the reader's language, in the taxonomy's order."""
    names = matching_selectors.category_names_in_language()
    by_offer: dict[int, list[str]] = {}
    for offer_id, slug in rows_for_ids(query=_category_pairs, ids=ids):
        by_offer.setdefault(offer_id, []).append(names[slug])
    return by_offer


# Building a query costs several times more than running it: its SQL is kept per number of ids.
@lru_cache(maxsize=128)
def _sql_for_ids(query: Callable[[list[int]], QuerySet], count: int) -> str:
    """The SQL of a query of some ids, built by the ORM once per number of ids."""
    dummy = list(range(count))
    sql, params = query(dummy).query.sql_with_params()
    if list(params) != dummy:
        raise ValueError(f"{query.__name__} has parameters besides the ids")
    return sql


def rows_for_ids(*, query: Callable[[list[int]], QuerySet], ids: list[int]) -> list[tuple]:
    """The rows of a values_list query of some ids, its SQL kept per number of ids."""
    if not ids:
        return []
    with connection.cursor() as cursor:
        cursor.execute(_sql_for_ids(query, len(ids)), ids)
        return cursor.fetchall()


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


def _locations(ids: list[int]) -> QuerySet:
    """The locations of some offers, first first, with their divisions' names and levels."""
    return OfferLocation.objects.filter(page_id__in=ids).values_list(*PLACE_VALUES)


def _card_places(ids: list[int]) -> dict[int, tuple[str, str]]:
    """The full name of the division and the address of some offers' first locations."""
    places: dict[int, tuple[str, str]] = {}
    for page_id, address, *divisions in rows_for_ids(query=_locations, ids=ids):
        if page_id not in places:
            places[page_id] = (_division_name(tuple(divisions)), address)
    return places


# A full name follows from the names and levels alone, so it can be kept across requests.
@lru_cache(maxsize=1024)
def _division_name(names_and_levels: tuple) -> str:
    """A division's full name from its and its parents' names and levels (kept: it follows)."""
    division = _division(list(names_and_levels))
    return division.full_name if division else ""


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
