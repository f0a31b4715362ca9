"""The models of the public pages and of the site settings."""

from cms.models.pages import (
    EventIndexPage,
    EventKind,
    EventPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PolicyAttachment,
    PolicyIndexPage,
    PolicyLevel,
    PolicyPage,
    PortalPage,
    StandardPage,
)
from cms.models.settings import (
    FooterLink,
    FooterSettings,
    LinkFields,
    NavigationItem,
    NavigationSettings,
)

__all__ = [
    "EventIndexPage",
    "EventKind",
    "EventPage",
    "FooterLink",
    "FooterSettings",
    "HomePage",
    "LinkFields",
    "NavigationItem",
    "NavigationSettings",
    "NewsIndexPage",
    "NewsPage",
    "PolicyAttachment",
    "PolicyIndexPage",
    "PolicyLevel",
    "PolicyPage",
    "PortalPage",
    "StandardPage",
]
