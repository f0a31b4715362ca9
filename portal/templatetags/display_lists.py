"""Display values in the reader's language: lists joined as it writes them, and the label after
content kept in its provider's language."""

from collections.abc import Iterable

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import pgettext

register = template.Library()


@register.simple_tag
def list_separator() -> str:
    """The separator of an enumeration as the reader's language writes it (its catalog says)."""
    return pgettext("list separator", ", ")


@register.filter
def joined(values: Iterable) -> str:
    """Display values joined with the reader's language's separator."""
    return list_separator().join(map(str, values))


@register.simple_tag
def content_language_label() -> SafeString:
    """The "in Chinese" label after content kept in Chinese (empty for Chinese readers); lists
    draw it once per page, not once per row."""
    return render_to_string("portal/includes/content_language.html")
