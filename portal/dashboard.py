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
    visible: Callable[[HttpRequest], bool] | None = None


_links: list[DashboardLink] = []
_discovered = False


def register(link: DashboardLink) -> None:
    """Add a link to the dashboards of its roles."""
    _links.append(link)


def links_for(*roles: str) -> list[DashboardLink]:
    """The links any of the roles sees, in order, each once."""
    global _discovered
    if not _discovered:
        autodiscover_modules("dashboard")
        _discovered = True
    wanted = set(roles)
    return sorted((link for link in _links if wanted & link.roles), key=lambda link: link.order)


def links_for_request(request: HttpRequest, roles: frozenset[str]) -> list[DashboardLink]:
    """The links the requesting user sees: their roles' links that are visible to them."""
    return [link for link in links_for(*roles) if link.visible is None or link.visible(request)]
