"""Template helpers for offer pages and provider profiles."""

from django import template

from services_catalog import selectors
from services_catalog.models import ServiceOfferPage

register = template.Library()


@register.simple_tag
def offer_seats_left(page: ServiceOfferPage) -> int | None:
    """Seats left on an offer (None: no limit)."""
    return selectors.seats_left(page)


@register.inclusion_tag("services_catalog/includes/provider_offers.html")
def provider_offers(section) -> dict:
    """The published offers of a provider's section, for its profile page."""
    offers = selectors.offer_catalog().child_of(section).order_by("title")
    return {"offers": offers}
