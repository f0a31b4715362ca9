"""Lists of display values joined as the reader's language writes them."""

from collections.abc import Iterable

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def list_separator() -> str:
    """The separator of an enumeration: the enumeration comma in Chinese, ", " otherwise."""
    return "、" if (get_language() or "").startswith("zh") else ", "


@register.filter
def joined(values: Iterable) -> str:
    """Display values joined with the reader's language's separator."""
    return list_separator().join(map(str, values))
