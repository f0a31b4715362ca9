"""Template helpers for offer pages and provider profiles."""

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from django import forms, template
from django.forms import BoundField
from django.template.defaultfilters import floatformat
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from portal.templatetags.display_lists import content_language_label
from services_catalog import selectors
from services_catalog.models import ServiceOfferPage

register = template.Library()


@register.simple_tag
def offer_seats_left(page: ServiceOfferPage) -> int | None:
    """Seats left on an offer (None: no limit)."""
    return selectors.seats_left(page)


@register.inclusion_tag("services_catalog/includes/provider_offers.html", takes_context=True)
def provider_offers(context, section) -> dict:
    """The published offers of a provider's section as the catalog's cards, for its profile."""
    offers = selectors.card_rows(selectors.offer_catalog().child_of(section).order_by("title"))
    return {"cards": selectors.offer_cards(list(offers), context.get("request"))}


@lru_cache(maxsize=64)
def _options_html(choices: tuple[tuple[str, str], ...]) -> str:
    """The `<option>`s of a list of choices, none selected (kept per list, so per language)."""
    return format_html_join("", '<option value="{}">{}</option>', choices)


def _with_selected(options: str, value: str) -> SafeString:
    """Written `<option>`s with the one of a value marked as chosen."""
    chosen = f'<option value="{escape(value)}">'
    return mark_safe(options.replace(chosen, f"{chosen[:-1]} selected>", 1))  # noqa: S308  # nosec B308 B703


@register.simple_tag
def area_options(areas: dict, level: str, selected) -> SafeString:
    """`<option>`s of a long list of divisions, written once per list instead of a widget per
    option; the chosen one is marked in the written text."""
    options = '<option value="">—</option>' + _options_html(
        tuple(tuple(choice) for choice in areas[level])
    )
    selected = str(selected or "")
    return _with_selected(options, selected) if selected else mark_safe(options)  # noqa: S308  # nosec B308 B703


@register.simple_tag
def choice_field(field: BoundField) -> SafeString:
    """A filter's plain `<select>` written at once, as its widget would draw it (its options
    kept per list and language, the chosen one marked); any other field (or one with errors)
    through its widget."""
    choice = field.field
    if not isinstance(choice, forms.ChoiceField) or type(choice.widget) is not forms.Select:
        return field.as_widget()
    if field.errors:
        return field.as_widget()
    value = field.value()
    pairs: Iterable[tuple[Any, Any]] = choice.choices  # type: ignore[assignment]
    options = _options_html(tuple((str(key), str(label)) for key, label in pairs))
    return format_html(
        '<select name="{}" id="{}">{}</select>',
        field.html_name,
        field.id_for_label,
        _with_selected(options, "" if value is None else str(value)),
    )


@register.simple_tag
def filter_fields(filterset, facets: list, areas: dict) -> SafeString:
    """The catalog's filter fields written at once: the categories as checkboxes with their
    counts, the divisions from their kept options, the other fields as their widgets draw them."""
    form = filterset.form
    fields = []
    for field in form:
        if field.name == "category":
            fields.append(_category_boxes(field, facets))
            continue
        fields.append(
            format_html(
                '<p><label for="{}">{}{}</label> {}{}</p>',
                field.id_for_label,
                field.label,
                form.label_suffix,
                _control(field, areas),
                _errors(field),
            )
        )
    return mark_safe("\n".join(fields))  # noqa: S308 (each part escaped)  # nosec B308 B703


def _control(field: BoundField, areas: dict) -> SafeString:
    """A division's select from its kept options, else the field as its widget draws it."""
    if field.name not in areas:
        return choice_field(field)
    options = area_options(areas, field.name, field.value())
    return format_html(
        '<select name="{}" id="{}">{}</select>', field.html_name, field.id_for_label, options
    )


def _category_boxes(field: BoundField, facets: list) -> SafeString:
    """The category checkboxes, the chosen ones checked, each with its count of listed offers."""
    chosen = set(field.value() or ())
    boxes = format_html_join(
        "\n",
        '<label><input type="checkbox" name="category" value="{}"{}> {} '
        '<span class="muted">({})</span></label>',
        (
            (
                facet.slug,
                " checked" if facet.slug in chosen else "",
                facet.display_name,
                facet.offer_count,
            )
            for facet in facets
        ),
    )
    return format_html("<fieldset><legend>{}</legend>\n{}\n</fieldset>", field.label, boxes)


def _errors(field: BoundField) -> SafeString:
    if not field.errors:
        return mark_safe("")  # noqa: S308  # nosec B308 B703
    return format_html('<span class="alert">{}</span>', " ".join(map(str, field.errors)))


@register.simple_tag
def offer_card_list(cards: list) -> SafeString:
    """The catalog's offer cards written in one loop instead of template nodes per field; the
    provider's Chinese marked as such, with the "in Chinese" tag (drawn once) for other readers."""
    mark = content_language_label()
    html = "\n".join(_offer_card(card, mark) for card in cards)
    return mark_safe(html)  # noqa: S308 (escaped)  # nosec B308 B703


def _offer_card(card, mark: SafeString) -> SafeString:
    """One card: title (marked Chinese) and link, provider, summary, categories and cost, place,
    distance."""
    tags = format_html_join(
        "", '<span class="tag">{}</span> ', ((name,) for name in card.categories)
    )
    place = (
        format_html('<p class="muted">{} · {}</p>', card.place, card.address) if card.place else ""
    )
    distance = ""
    if card.distance_km is not None:
        away = gettext("%(km)s km away") % {"km": floatformat(card.distance_km, 1)}
        distance = format_html('<p class="muted">{}</p>', away)
    return format_html(
        '<article class="card offer-card"><h3><a href="{}" lang="zh-Hans">{}</a>{}</h3>'
        '<p class="muted">{}</p><p lang="zh-Hans">{}</p><p>{}<span class="badge">{}</span></p>'
        "{}{}</article>",
        card.url,
        card.title,
        mark,
        card.provider,
        card.summary,
        tags,
        card.cost,
        place,
        distance,
    )
