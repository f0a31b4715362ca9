"""The one check for where a request may send the browser next (no open redirects)."""

from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme


def safe_url(request: HttpRequest, url: str | None) -> str | None:
    """The URL if it stays on this site (same host, https when the request is), else None."""
    try:
        host = request.get_host()
    except DisallowedHost:  # the 400 page for a forged Host header asks here too
        return None
    secure = request.is_secure()
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={host}, require_https=secure):
        return url
    return None


def next_url(request: HttpRequest, fallback: str, name: str = "next") -> str:
    """The `next` parameter (POST, else GET) when it stays on this site, else the fallback."""
    return safe_url(request, request.POST.get(name) or request.GET.get(name)) or fallback


def redirect_next(request: HttpRequest, fallback: str, name: str = "next") -> HttpResponseRedirect:
    """Redirect to a same-site `next`, never off-site: an outside address gives the fallback."""
    return HttpResponseRedirect(next_url(request, fallback, name))


def referring_url(request: HttpRequest) -> str | None:
    """The page the visitor came from, when it is on this site (for a "back" link)."""
    return safe_url(request, request.META.get("HTTP_REFERER"))
