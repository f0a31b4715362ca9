"""How service offers become offer documents for matching (kind "service")."""

from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags

from matching.registry import OfferSource, register
from matching.schedules import joined, weekly
from matching.selectors import offer_key, seats_left
from matching.types import OfferDocument
from services_catalog.models import ServiceOfferPage


def live_offers():
    """Published offers whose validity has not ended, with what their documents read."""
    today = timezone.localdate()
    return (
        ServiceOfferPage.objects.live()
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .select_related("organization")
        .prefetch_related("categories", "service_area", "locations__jurisdiction", "schedule")
    )


def offer_text(page: ServiceOfferPage) -> str:
    """The searchable text of an offer: summary, description and conditions."""
    parts = [page.summary, strip_tags(page.description), page.eligibility_notes]
    parts += [f"{location.name} {location.address}" for location in page.locations.all()]
    return "\n".join(part for part in parts if part)


def _as_float(value) -> float | None:
    return float(value) if value is not None else None


def to_document(page) -> OfferDocument | None:
    """The matching document of one offer, or None when it is not published or has ended."""
    if not page.live or (page.valid_until and page.valid_until < timezone.localdate()):
        return None
    organization = page.organization
    first_location = next(iter(page.locations.all()), None)
    jurisdiction = first_location.jurisdiction if first_location else None
    return OfferDocument(
        key=offer_key("service", page.pk),
        kind="service",
        source_id=page.pk,
        title=page.title,
        text=offer_text(page),
        url=page.get_url() or "",
        provider_name=organization.name if organization else "",
        organization_id=organization.pk if organization else None,
        categories=tuple(category.slug for category in page.categories.all()),
        jurisdiction_code=jurisdiction.code if jurisdiction else "",
        latitude=_as_float(first_location.latitude if first_location else None),
        longitude=_as_float(first_location.longitude if first_location else None),
        service_area_codes=tuple(area.code for area in page.service_area.all()),
        genders=tuple(page.genders),
        min_age=page.min_age,
        max_age=page.max_age,
        accepts_adults=page.accepts_adults,
        accepts_juveniles=page.accepts_juveniles,
        correction_types=tuple(page.correction_types),
        supervision_levels=tuple(page.supervision_levels),
        schedule=joined(*(weekly(s.weekday, s.opens, s.closes) for s in page.schedule.all())),
        valid_from=page.valid_from,
        valid_until=page.valid_until,
        seats_left=seats_left(offer_key=offer_key("service", page.pk)),
        funded_by_contract=page.funded_by_contract,
        languages=tuple(page.languages),
    )


register(
    OfferSource(
        kind="service",
        model=ServiceOfferPage,
        queryset=live_offers,
        to_document=to_document,
        things_to_bring=lambda page: page.things,
    )
)
