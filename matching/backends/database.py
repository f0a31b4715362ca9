"""The database search backend: the offer index as a table, filtered and scored in SQL.

Eligibility, capacity, validity, kinds, categories, service area, distance and keyword are SQL
filters on `OfferIndexEntry`; the score of `matching.ranking` is an SQL expression, so only the
requested page of rows leaves the database. Works on SQLite and PostgreSQL alike.
"""

import math
from collections.abc import Iterable
from functools import reduce
from itertools import islice
from operator import or_

from django.db import DatabaseError, transaction
from django.db.models import Case, Count, F, FloatField, Q, Value, When, Window
from django.db.models.expressions import Combinable
from django.db.models.functions import ASin, Cos, Exp, Greatest, Least, Power, Radians, Sin, Sqrt

from matching.backends.base import IndexedDocument, Progress, SearchBackend
from matching.exceptions import SearchUnavailable
from matching.models import OfferIndexEntry
from matching.ranking import (
    DISTANCE_DECAY,
    EARTH_RADIUS_KM,
    MIN_DISTANCE_EXPONENT,
    QueryPlan,
    distance_scale_km,
    normalize_area_code,
    score_parts,
    search_tokens,
    total_score,
)
from matching.types import Hit, MatchResult, OfferDocument

BATCH_SIZE = 1000
ZERO = Value(0.0, output_field=FloatField())
UPDATE_FIELDS = [
    field.name for field in OfferIndexEntry._meta.concrete_fields if field.name not in {"id", "key"}
]


def tags(values: Iterable[str]) -> str:
    """Values as a `|a|b|` string that `contains` can filter on; "" when there are none."""
    values = [value for value in values if value]
    return f"|{'|'.join(values)}|" if values else ""


def entry_from(indexed: IndexedDocument) -> OfferIndexEntry:
    """The index row of a document."""
    document = indexed.document
    return OfferIndexEntry(
        key=document.key,
        kind=document.kind,
        source_id=document.source_id,
        title=document.title[:255],
        text=document.text,
        url=document.url[:500],
        provider_name=document.provider_name[:255],
        organization_id=document.organization_id,
        owner_user_id=document.owner_user_id,
        categories=list(document.categories),
        category_tags=tags(document.categories),
        jurisdiction_code=document.jurisdiction_code,
        latitude=document.latitude,
        longitude=document.longitude,
        service_area_codes=list(document.service_area_codes),
        service_area=tags(normalize_area_code(code) for code in document.service_area_codes),
        genders=tags(document.genders),
        min_age=document.min_age,
        max_age=document.max_age,
        accepts_adults=document.accepts_adults,
        accepts_juveniles=document.accepts_juveniles,
        correction_types=tags(document.correction_types),
        supervision_levels=tags(document.supervision_levels),
        schedule=document.schedule,
        valid_from=document.valid_from,
        valid_until=document.valid_until,
        seats_left=document.seats_left,
        funded_by_contract=document.funded_by_contract,
        languages=list(document.languages),
        search_tokens=search_tokens(document),
        fingerprint=indexed.fingerprint,
    )


def document_from(entry: OfferIndexEntry) -> OfferDocument:
    """The document an index row holds."""
    return OfferDocument(
        key=entry.key,
        kind=entry.kind,
        source_id=entry.source_id,
        title=entry.title,
        text=entry.text,
        url=entry.url,
        provider_name=entry.provider_name,
        organization_id=entry.organization_id,
        owner_user_id=entry.owner_user_id,
        categories=tuple(entry.categories),
        jurisdiction_code=entry.jurisdiction_code,
        latitude=entry.latitude,
        longitude=entry.longitude,
        service_area_codes=tuple(entry.service_area_codes),
        genders=_untag(entry.genders),
        min_age=entry.min_age,
        max_age=entry.max_age,
        accepts_adults=entry.accepts_adults,
        accepts_juveniles=entry.accepts_juveniles,
        correction_types=_untag(entry.correction_types),
        supervision_levels=_untag(entry.supervision_levels),
        schedule=entry.schedule,
        valid_from=entry.valid_from,
        valid_until=entry.valid_until,
        seats_left=entry.seats_left,
        funded_by_contract=entry.funded_by_contract,
        languages=tuple(entry.languages),
    )


def _untag(value: str) -> tuple[str, ...]:
    return tuple(value.strip("|").split("|")) if value else ()


def _any_or(field: str, value: str) -> Q:
    """Offers open to any value of a field, or naming this value."""
    if not value:
        return Q(**{field: ""})
    return Q(**{field: ""}) | Q(**{f"{field}__contains": f"|{value}|"})


def eligibility_filter(plan: QueryPlan) -> Q:
    """What a person may join: gender, age, adult/juvenile, correction type, level, area."""
    person = plan.person
    if person is None:
        return Q()
    if person.age is None:
        ages = Q(min_age__isnull=True, max_age__isnull=True)
    else:
        ages = (Q(min_age__isnull=True) | Q(min_age__lte=person.age)) & (
            Q(max_age__isnull=True) | Q(max_age__gte=person.age)
        )
    areas = [Q(service_area__contains=f"|{prefix}|") for prefix in plan.prefixes]
    return (
        _any_or("genders", person.gender)
        & ages
        & (Q(accepts_juveniles=True) if person.is_juvenile else Q(accepts_adults=True))
        & _any_or("correction_types", person.correction_type)
        & _any_or("supervision_levels", person.supervision_level)
        & reduce(or_, areas, Q(service_area=""))
    )


def availability_filter(plan: QueryPlan) -> Q:
    """Open offers: seats left (or unlimited) and valid on the plan's day."""
    return (
        (Q(seats_left__isnull=True) | Q(seats_left__gt=0))
        & (Q(valid_from__isnull=True) | Q(valid_from__lte=plan.today))
        & (Q(valid_until__isnull=True) | Q(valid_until__gte=plan.today))
    )


def choice_filter(plan: QueryPlan) -> Q:
    """The caseworker's choices: kinds, categories, funded only, keyword terms."""
    query = Q()
    if plan.kinds:
        query &= Q(kind__in=plan.kinds)
    if plan.categories:
        query &= reduce(or_, (Q(category_tags__contains=f"|{c}|") for c in plan.categories))
    if plan.query.funded_only:
        query &= Q(funded_by_contract=True)
    if plan.terms:
        query &= reduce(or_, (Q(search_tokens__contains=f" {term} ") for term in plan.terms))
    return query


def bounding_box(origin: tuple[float, float], km: float) -> Q:
    """A cheap, indexed box around the origin that holds every point within `km`."""
    lat, lon = origin
    dlat = math.degrees(km / EARTH_RADIUS_KM)
    dlon = dlat / max(math.cos(math.radians(lat)), 0.01)
    return Q(latitude__range=(lat - dlat, lat + dlat), longitude__range=(lon - dlon, lon + dlon))


def half_angle(origin: tuple[float, float]) -> Combinable:
    """asin(sqrt(haversine)): half the central angle between the origin and each offer."""
    lat0, lon0 = math.radians(origin[0]), math.radians(origin[1])
    haversine = Power(Sin((Radians(F("latitude")) - lat0) / 2), 2) + Value(math.cos(lat0)) * Cos(
        Radians(F("latitude"))
    ) * Power(Sin((Radians(F("longitude")) - lon0) / 2), 2)
    return ASin(Sqrt(Least(haversine, Value(1.0))))


def distance_score(plan: QueryPlan) -> Combinable:
    """weight * decay ** ((km / scale) ** 2), with km = 2 R * half angle; 0 with no location."""
    if plan.origin is None:
        return ZERO
    factor = math.log(DISTANCE_DECAY) * (2 * EARTH_RADIUS_KM / distance_scale_km()) ** 2
    exponent = Greatest(
        Value(factor) * Power(half_angle(plan.origin), 2), Value(MIN_DISTANCE_EXPONENT)
    )
    decay = Value(plan.weights["distance"]) * Exp(exponent)
    return Case(When(latitude__isnull=False, then=decay), default=ZERO, output_field=FloatField())


def _flag(condition: Q, weight: float) -> Case:
    return Case(When(condition, then=Value(weight)), default=ZERO, output_field=FloatField())


def score_expression(plan: QueryPlan) -> Combinable:
    """The sum of the four score parts of `matching.ranking`, as one SQL expression."""
    parts: list[Combinable] = [distance_score(plan)]
    parts += [
        _flag(Q(category_tags__contains=f"|{n.need.category}|"), n.weight) for n in plan.needs
    ]
    parts.append(_flag(Q(funded_by_contract=True), plan.weights["funding"]))
    parts += [_flag(Q(search_tokens__contains=f" {t} "), plan.term_weight) for t in plan.terms]
    return reduce(lambda left, right: left + right, parts)


class DatabaseBackend(SearchBackend):
    """The default backend: the offer index in the project's own database (SQLite or PostgreSQL)."""

    name = "database"

    def search(self, plan: QueryPlan) -> MatchResult:
        try:
            entries, total = self._page(plan)
        except DatabaseError as error:
            raise SearchUnavailable(str(error)) from error
        hits = []
        for entry in entries:
            matched = tuple(t for t in plan.terms if f" {t} " in entry.search_tokens)
            parts = score_parts(document_from(entry), plan, matched)
            hits.append(Hit(document=document_from(entry), score=total_score(parts), parts=parts))
        return MatchResult(
            hits=tuple(hits),
            total=total,
            backend=self.name,
            weights=plan.decimal_weights(),
            warnings=plan.warnings,
        )

    def _page(self, plan: QueryPlan) -> tuple[list[OfferIndexEntry], int]:
        matches = OfferIndexEntry.objects.filter(
            eligibility_filter(plan) & availability_filter(plan) & choice_filter(plan)
        )
        if plan.max_distance_km is not None and plan.origin is not None:
            matches = matches.filter(bounding_box(plan.origin, plan.max_distance_km))
            limit = plan.max_distance_km / (2 * EARTH_RADIUS_KM)
            matches = matches.alias(half=half_angle(plan.origin)).filter(half__lte=limit)
        ranked = matches.annotate(score=score_expression(plan), total=Window(Count("id")))
        rows = list(
            ranked.order_by("-score", "key").values_list("id", "total")[
                plan.offset : plan.offset + plan.limit
            ]
        )
        total = rows[0][1] if rows else (matches.count() if plan.offset else 0)
        by_id = OfferIndexEntry.objects.in_bulk([row[0] for row in rows])
        return [by_id[row[0]] for row in rows], total

    def upsert(self, documents: list[IndexedDocument]) -> None:
        OfferIndexEntry.objects.bulk_create(
            [entry_from(indexed) for indexed in documents],
            update_conflicts=True,
            unique_fields=["key"],
            update_fields=UPDATE_FIELDS,
        )

    def remove(self, keys: list[str]) -> None:
        OfferIndexEntry.objects.filter(key__in=keys).delete()

    def rebuild(self, documents: Iterable[IndexedDocument], progress: Progress | None) -> int:
        loaded = 0
        iterator = iter(documents)
        with transaction.atomic():
            OfferIndexEntry.objects.all().delete()
            while batch := [entry_from(indexed) for indexed in islice(iterator, BATCH_SIZE)]:
                OfferIndexEntry.objects.bulk_create(batch)
                loaded += len(batch)
                if progress:
                    progress(len(batch))
        return loaded

    def fingerprints(self) -> dict[str, str]:
        return dict(OfferIndexEntry.objects.values_list("key", "fingerprint"))

    def counts(self) -> dict[str, int]:
        rows = OfferIndexEntry.objects.values("kind").annotate(count=Count("id")).order_by("kind")
        return {row["kind"]: row["count"] for row in rows}
