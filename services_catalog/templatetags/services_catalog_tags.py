"""Template helpers for offer pages and provider profiles."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

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


@register.simple_tag
def area_options(areas: dict, level: str, selected) -> SafeString:
    """`<option>`s of a long list of divisions, written at once instead of a widget per option."""
    choices, selected = areas[level], str(selected or "")
    empty = mark_safe('<option value="">—</option>')  # noqa: S308 (a constant)  # nosec B308
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((code, " selected" if code == selected else "", name) for code, name in choices),
    )
    return empty + options
