"""Template helpers of the matching screen: what every offer's row repeats is written once per
page, and the filters are drawn by their widgets once per language, categories and values."""

from collections.abc import Iterable
from typing import Any

from django import template
from django.forms import Form
from django.template.loader import render_to_string
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from matching.models import Category

register = template.Library()

FILTER_FIELDS_TEMPLATE = "casework/includes/match_filters.html"
# Filter fields already drawn, by (language, category choices, values); cleared when full.
_drawn_filters: dict[tuple, SafeString] = {}
DRAWN_FILTERS_MAX = 256


@register.simple_tag
def match_filter_fields(form: Form) -> SafeString:
    """The filter fields as their widgets draw them. A valid form draws the same text for the
    same language, category choices and field values (what the widgets draw from), so that
    text is kept in the process; a form with errors is drawn each time."""
    if form.errors:
        return render_to_string(FILTER_FIELDS_TEMPLATE, {"form": form})
    key = (
        get_language(),
        tuple(form.fields["category"].choices),  # type: ignore[attr-defined]
        tuple(_hashable(field.value()) for field in form),
    )
    drawn = _drawn_filters.get(key)
    if drawn is None:
        if len(_drawn_filters) >= DRAWN_FILTERS_MAX:
            _drawn_filters.clear()
        drawn = _drawn_filters[key] = render_to_string(FILTER_FIELDS_TEMPLATE, {"form": form})
    return drawn


def _hashable(value: Any) -> Any:
    """A field's value as a key: a multiple choice's list as a tuple."""
    return tuple(value) if isinstance(value, list) else value


@register.simple_tag
def need_options(categories: Iterable[Category], need: str) -> SafeString:
    """The `<option>`s of the referral's need select, the need to refer (a slug) selected."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (category.pk, " selected" if category.slug == need else "", category)
            for category in categories
        ),
    )


@register.simple_tag
def shared_field_boxes(choices: Iterable[tuple[str, Any]], checked: Iterable[str]) -> SafeString:
    """The referral's consent checkboxes (one per field that may be shared), written once."""
    checked = set(checked)
    return format_html_join(
        "",
        '<label><input type="checkbox" name="shared_fields" value="{}"{}> {}</label> ',
        ((value, " checked" if value in checked else "", label) for value, label in choices),
    )


@register.simple_tag
def content_language_label() -> SafeString:
    """The site's label after content kept in Chinese, drawn once for every row of a page."""
    return render_to_string("portal/includes/content_language.html")
