"""Site-wide request and response rules: language, hostile input, private pages, headers."""

from csp.middleware import CSPMiddleware, PolicyParts

from django.conf import settings
from django.core.exceptions import BadRequest
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.translation import gettext_lazy as _

# PostgreSQL refuses NUL in text (and psycopg raises before the query): no request may carry one.
NUL = "\x00"
# Rich text and StreamField JSON of long policy documents are posted to the admin sites.
LONG_VALUE_PATHS = ("/admin/", "/django-admin/")


def language_for_request(request) -> str:
    """The language chosen with the switcher (cookie), else the site's default (zh-hans)."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    supported = {code for code, _name in settings.LANGUAGES}
    return chosen if chosen in supported else settings.LANGUAGE_CODE


class PreferredLanguageMiddleware:
    """Activate the language chosen with the switcher (cookie), falling back to zh-hans.

    The browser's Accept-Language is deliberately ignored: the portal serves Henan, where
    Chinese is the default for everyone until they pick English themselves.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_for_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        # The same address answers in either language depending on the cookie: tell caches.
        patch_vary_headers(response, ("Cookie",))
        return response


class RefusedInput(BadRequest):
    """A request refused before any view runs; its message is shown on the 400 page."""


class HostileInputMiddleware:
    """Refuse with 400, before sessions or views touch the database, a request whose path,
    parameters or cookies hold a NUL character, or with a parameter value longer than any
    field of the portal takes (QUERY_VALUE_MAX_LENGTH for the query string,
    REQUEST_VALUE_MAX_LENGTH for a posted value; the admin sites post long rich text and are
    bounded by DATA_UPLOAD_MAX_MEMORY_SIZE alone)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        self.check(request)
        return self.get_response(request)

    @classmethod
    def check(cls, request) -> None:
        """Raise RefusedInput when the request holds a NUL or an over-long value."""
        cls._check_nul(request)
        cls._check_lengths(request)

    @staticmethod
    def _check_nul(request) -> None:
        texts = [request.path, *request.COOKIES.keys(), *request.COOKIES.values()]
        texts += _parameter_texts(request.GET)
        if request.method == "POST":
            texts += _parameter_texts(request.POST)
        if any(NUL in text for text in texts):
            raise RefusedInput(_("The request contains a character that is not allowed."))

    @staticmethod
    def _check_lengths(request) -> None:
        if request.path.startswith(LONG_VALUE_PATHS):
            return
        too_long = _longer_than(request.GET, settings.QUERY_VALUE_MAX_LENGTH)
        if request.method == "POST":
            too_long = too_long or _longer_than(request.POST, settings.REQUEST_VALUE_MAX_LENGTH)
        if too_long:
            raise RefusedInput(_("A field holds more text than this site accepts: shorten it."))


def _longer_than(parameters, limit: int) -> bool:
    return any(len(value) > limit for value in _parameter_texts(parameters))


def _parameter_texts(parameters) -> list[str]:
    return [text for key, values in parameters.lists() for text in (key, *values)]


class PrivateResponseMiddleware:
    """Mark every response to a signed-in user `Cache-Control: no-store` (pages and exports
    with personal data never land in a browser's or proxy's cache), and send the
    Permissions-Policy. Anonymous public pages stay cacheable for the shared page cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy (settings.CONTENT_SECURITY_POLICY: no inline script anywhere on the
    site), relaxed only under CSP_RELAXED_PATHS by CSP_RELAXED_DIRECTIVES: Wagtail's admin
    writes inline <script> blocks without a nonce (inline panels, date pickers) and inline
    styles (Draftail), which a strict policy would break for editors."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(tuple(settings.CSP_RELAXED_PATHS)):
            parts.update = {**settings.CSP_RELAXED_DIRECTIVES, **(parts.update or {})}
        return parts
