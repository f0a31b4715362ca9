"""The shared cache of anonymous public pages, and the site-wide generation that invalidates it.

A cached page is keyed by the generation, the language, the host and the full address; any
change to what public pages show (publishing, unpublishing, expiry, moves, seats, settings,
the models listed in `PUBLIC_CACHE_MODELS`) bumps the generation once its transaction commits,
so every cached page is missed at once on the next request. The generation is read on every
hit, so it lives where a read costs no database round trip: the `PUBLIC_CACHE_GENERATION_ALIAS`
cache (Redis when CACHE_URL is set, else a file that every worker of the host reads); pages
live in the `PUBLIC_CACHE_ALIAS` cache (Redis when CACHE_URL is set, else each worker's memory).

Only requests that cannot carry anything personal are served or stored: GET or HEAD, no
cookie but the language choice, no Authorization header, nothing the hostile-input rule
refuses, a view listed in `PUBLIC_CACHE_VIEWS`; only 200 answers that set no cookie, are not
private or no-store and used no CSP nonce.

The middleware sits right after WhiteNoise, so that a hit is answered before the language,
sessions, CSRF, authentication, messages, MFA and redirect middleware run; what those add to
a public answer (Content-Language, Vary, X-Frame-Options, Permissions-Policy) is stored with
it. SecurityMiddleware and the Content-Security-Policy stay outside and apply to every hit.
"""

import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.translation import get_language

from portal.middleware import HostileInputMiddleware, RefusedInput, language_for_request

logger = logging.getLogger(__name__)
GENERATION_KEY = "portal:public-generation"
T = TypeVar("T")
SAFE_METHODS = frozenset({"GET", "HEAD"})
UNSAFE_CACHE_CONTROL = ("private", "no-store", "no-cache")


def generation(request: HttpRequest | None = None) -> int:
    """The current site-wide generation of public content (read once per request)."""
    if request is not None and hasattr(request, "_public_generation"):
        return request._public_generation
    shared = _generations()
    value = shared.get(GENERATION_KEY)
    if value is None:
        # Started at the clock so that a cleared cache never brings an old generation back.
        value = time.time_ns()
        shared.add(GENERATION_KEY, value, None)
        value = shared.get(GENERATION_KEY, value)
    if request is not None:
        request._public_generation = value  # type: ignore[attr-defined]
    return value


def kept_per_generation(
    store: dict[str, Any], build: Callable[[], T], request: HttpRequest | None = None
) -> T:
    """A value read once per process and generation of public content, kept in `store` (a
    module's dict): for reads every request makes of data that changes with public content."""
    current = generation(request)
    if store.get("generation") != current:
        store.update(generation=current, value=build())
    return store["value"]


def _generations():
    alias = settings.PUBLIC_CACHE_GENERATION_ALIAS
    return caches[alias if alias in settings.CACHES else "default"]


def fragments():
    """The cache that holds public pages and fragments keyed by the generation."""
    return caches[settings.PUBLIC_CACHE_ALIAS]


def fragment_seconds() -> int:
    """How long a fragment keyed by the generation is kept (0: fragments are not cached)."""
    return settings.PUBLIC_CACHE_SECONDS


def fragment_key(request: HttpRequest | None, name: str, *parts: object) -> str:
    """The cache key of a fragment of public pages: its name, the generation, the active
    language and the parts it depends on."""
    return ":".join([name, str(generation(request)), get_language() or "", *map(str, parts)])


class SiteRootPaths:
    """Where Wagtail's page URL methods look for the sites' root paths (`get_url_parts(request=
    ...)` takes any object that carries them), outside a request."""

    def __init__(self, root_paths: list) -> None:
        self._wagtail_cached_site_root_paths = root_paths


_root_paths: dict[str, Any] = {}


def site_root_paths(request: HttpRequest | None = None) -> SiteRootPaths:
    """The sites' root paths of the current generation, read once per process: without them
    each page URL reads the default cache (a database round trip unless CACHE_URL is set)."""
    from wagtail.models import Site

    return kept_per_generation(
        _root_paths, lambda: SiteRootPaths(Site.get_site_root_paths()), request
    )


def public_content_changed() -> None:
    """Invalidate every cached public page (and fragments keyed by the generation).

    Bumped at once and again at commit, so that a page read and cached by another request
    before the commit (still showing the old content) is missed too.
    """
    _bump()
    transaction.on_commit(_bump)


def _bump() -> None:
    # In a savepoint: a cache that cannot be written (the database cache's table before
    # `migrate` created it) must not break the caller's transaction; nothing is cached then.
    try:
        with transaction.atomic():
            try:
                _generations().incr(GENERATION_KEY)
            except ValueError:
                _generations().set(GENERATION_KEY, time.time_ns(), None)
    except DatabaseError:
        logger.warning("The public page generation could not be bumped", exc_info=True)


def _view_name(request: HttpRequest) -> str:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return ""
    return match.view_name


def _listed(view_name: str) -> bool:
    namespace = view_name.rpartition(":")[0]
    allowed = settings.PUBLIC_CACHE_VIEWS
    return bool(view_name) and (view_name in allowed or f"{namespace}:*" in allowed)


def cacheable_request(request: HttpRequest) -> bool:
    """Anonymous by construction: a safe method, no cookie but the language, no credentials,
    nothing hostile (refused further in with a 400, never looked up)."""
    if request.method not in SAFE_METHODS or "HTTP_AUTHORIZATION" in request.META:
        return False
    if set(request.COOKIES) - {settings.LANGUAGE_COOKIE_NAME}:
        return False
    try:
        HostileInputMiddleware.check(request)
    except RefusedInput:
        return False
    return _listed(_view_name(request))


def cacheable_response(response: HttpResponse, request: HttpRequest | None = None) -> bool:
    """A complete public answer: 200, no cookie set, not private, no per-response CSP nonce
    (in its header, or drawn by the page for the request)."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request is not None and getattr(request, "_csp_nonce", None):
        return False
    control = response.get("Cache-Control", "")
    if any(word in control for word in UNSAFE_CACHE_CONTROL):
        return False
    policies = response.get("Content-Security-Policy", "") + response.get(
        "Content-Security-Policy-Report-Only", ""
    )
    return "nonce-" not in policies


def page_key(request: HttpRequest) -> str:
    """The cache key of a public page: generation, language, method, host and full address."""
    return ":".join(
        [
            "portal:page",
            str(generation(request)),
            language_for_request(request),
            request.method or "",
            request.get_host(),
            request.get_full_path(),
        ]
    )


class PublicPageCacheMiddleware:
    """Serve anonymous public pages from the shared cache; store the ones that are safe to."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.PUBLIC_CACHE_SECONDS or not cacheable_request(request):
            return self.get_response(request)
        pages = fragments()
        key = page_key(request)
        stored = pages.get(key)
        if stored is not None:
            return _restore(stored)
        response = self.get_response(request)
        if cacheable_response(response, request):
            pages.set(key, _freeze(response), settings.PUBLIC_CACHE_SECONDS)
        return response


def _freeze(response: HttpResponse) -> tuple:
    return (response.status_code, list(response.headers.items()), response.content)


def _restore(stored: tuple) -> HttpResponse:
    status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response.headers[name] = value
    return response


def _model_changed(sender, **kwargs) -> None:
    if sender._meta.label in settings.PUBLIC_CACHE_MODELS or _is_public_model(sender):
        public_content_changed()


def _is_public_model(model) -> bool:
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.models import Page, Site

    # A site's host, port or root page decides every public address (and the site frame).
    return issubclass(model, Page | Site | BaseSiteSetting | BaseGenericSetting)


def _page_event(sender, **kwargs) -> None:
    public_content_changed()


def connect() -> None:
    """Bump the generation on every change public pages show."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_page_event, dispatch_uid=f"portal_public_cache_{signal!r}")
    post_save.connect(_model_changed, dispatch_uid="portal_public_cache_save")
    post_delete.connect(_model_changed, dispatch_uid="portal_public_cache_delete")
