"""Template helpers for offer pages and provider profiles."""

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from django import forms, template
from django.forms import BoundField
from django.utils.html import escape, format_html, format_html_join
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


@lru_cache(maxsize=16)
def _options_html(choices: tuple[tuple[str, str], ...]) -> str:
    """The `<option>`s of a list of divisions, none selected (kept per list of choices)."""
    empty = '<option value="">—</option>'
    return empty + format_html_join("", '<option value="{}">{}</option>', choices)


@register.simple_tag
def area_options(areas: dict, level: str, selected) -> SafeString:
    """`<option>`s of a long list of divisions, written once per list instead of a widget per
    option; the chosen one is marked in the written text."""
    options = _options_html(tuple(tuple(choice) for choice in areas[level]))
    selected = str(selected or "")
    if selected:
        chosen = f'<option value="{escape(selected)}">'
        options = options.replace(chosen, f"{chosen[:-1]} selected>", 1)
    return mark_safe(options)  # noqa: S308 (escaped above)  # nosec B308 B703


@register.simple_tag
def choice_field(field: BoundField) -> SafeString:
    """A filter's plain `<select>` written at once, as its widget would draw it; any other
    field (or one with errors) through its widget."""
    choice = field.field
    if not isinstance(choice, forms.ChoiceField) or type(choice.widget) is not forms.Select:
        return field.as_widget()
    if field.errors:
        return field.as_widget()
    value = field.value()
    selected = "" if value is None else str(value)
    pairs: Iterable[tuple[Any, Any]] = choice.choices  # type: ignore[assignment]
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((str(key), " selected" if str(key) == selected else "", label) for key, label in pairs),
    )
    return format_html(
        '<select name="{}" id="{}">{}</select>', field.html_name, field.id_for_label, options
    )
