"""Tags of the shared frame (base.html)."""

from django import template

from wagtail.admin.templatetags.wagtailuserbar import get_page_instance, wagtailuserbar

register = template.Library()


@register.simple_tag(takes_context=True)
def page_userbar(context) -> str:
    """Wagtail's editing bar on CMS pages only: on working screens it covered the filters."""
    if get_page_instance(context) is None:
        return ""
    return wagtailuserbar(context)
