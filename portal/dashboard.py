"""The dashboard registry: each app lists, in its `dashboard.py`, what each role can do there."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class DashboardLink:
    """One task a role can start from its dashboard."""

    roles: frozenset[str]
    title: str | Promise
    description: str | Promise
    url: Callable[[HttpRequest], str]
    order: int = 100
    count: Callable[[HttpRequest], int | None] | None = None


_links: list[DashboardLink] = []
_discovered = False


def register(link: DashboardLink) -> None:
    """Add a link to the dashboards of its roles."""
    _links.append(link)


def links_for(role: str) -> list[DashboardLink]:
    """The links a role sees, in order."""
    global _discovered
    if not _discovered:
        autodiscover_modules("dashboard")
        _discovered = True
    return sorted((link for link in _links if role in link.roles), key=lambda link: link.order)
