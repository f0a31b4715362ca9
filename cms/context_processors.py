"""The site frame (main menu, footer) for every template, read once per change of content."""

from dataclasses import dataclass
from functools import cached_property

from django.http import HttpRequest
from django.utils.translation import get_language

from wagtail.models import Site

from cms.models import FooterSettings, NavigationSettings
from portal.cache import fragments, generation
from portal.sites import current_site

FRAME_SECONDS = 24 * 3600
FOOTER_FIELDS = (
    "organizer",
    "contact",
    "address",
    "hotline",
    "email",
    "copyright",
    "record_number",
)


@dataclass(frozen=True)
class FrameLink:
    """A menu or footer link with its labels in both languages."""

    url: str
    label: str
    label_en: str

    @property
    def display_label(self) -> str:
        english = (get_language() or "").startswith("en")
        return self.label_en if english and self.label_en else self.label


def _links(items) -> list[FrameLink]:
    return [FrameLink(item.url or "", item.label, item.label_en) for item in items]


def frame_data(site: Site | None) -> dict:
    """The menu links, the footer fields and the footer links of a site, as plain values."""
    if site is None:
        return {"menu": [], "footer": {}, "footer_links": []}
    navigation = NavigationSettings.for_site(site)
    footer = FooterSettings.for_site(site)
    return {
        "menu": _links(navigation.items.select_related("link_page")),
        "footer": {name: getattr(footer, name) for name in FOOTER_FIELDS},
        "footer_links": _links(footer.links.select_related("link_page")),
    }


class SiteFrame:
    """The frame of the request's site, cached under the public-content generation."""

    def __init__(self, request: HttpRequest):
        self.request = request

    @cached_property
    def data(self) -> dict:
        site = current_site(self.request)
        key = f"cms:frame:{generation(self.request)}:{site.pk if site else 0}"
        cache = fragments()
        data = cache.get(key)
        if data is None:
            data = frame_data(site)
            cache.set(key, data, FRAME_SECONDS)
        return data

    @property
    def menu(self) -> list[FrameLink]:
        return self.data["menu"]

    @property
    def footer(self) -> dict:
        return self.data["footer"]

    @property
    def footer_links(self) -> list[FrameLink]:
        return self.data["footer_links"]


def site_frame(request: HttpRequest) -> dict:
    """`site_frame` for the header and footer templates (read only when they use it)."""
    return {"site_frame": SiteFrame(request)}
