"""The request's Wagtail site, found once per host and generation of public content in a
process (every page's frame needs it; Wagtail would look it up with a query per request)."""

from typing import Any

from django.http import HttpRequest

from wagtail.models import Site

from portal.cache import generation, site_root_paths

# Each process's sites by host and port, for one generation of
# public content (a site's save starts a new one); a few hosts at most pass ALLOWED_HOSTS.
_sites: dict = {"generation": None, "by_host": {}}
MAX_HOSTS = 32


def current_site(request: HttpRequest) -> Site | None:
    """The request's site, found once per host and generation of public content in a process;
    the sites' root paths (what page URLs are made of) come with it, without a cache read."""
    memo = _sites_of_generation(generation(request))
    found: Any = request  # where Wagtail keeps what it found for the request
    if not hasattr(found, "_wagtail_site"):
        host = (found._get_raw_host(), found.get_port())
        if host not in memo["by_host"]:
            if len(memo["by_host"]) >= MAX_HOSTS:
                memo["by_host"].clear()
            memo["by_host"][host] = Site.find_for_request(request)
        found._wagtail_site = memo["by_host"][host]
    if not hasattr(found, "_wagtail_cached_site_root_paths"):
        found._wagtail_cached_site_root_paths = site_root_paths(
            request
        )._wagtail_cached_site_root_paths
    return found._wagtail_site


def _sites_of_generation(current: int) -> dict:
    if _sites["generation"] != current:
        _sites.update(generation=current, by_host={})
    return _sites
