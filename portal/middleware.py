"""Language selection: the visitor's explicit choice, else Simplified Chinese."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class PreferredLanguageMiddleware:
    """Activate the language chosen with the switcher (cookie), falling back to zh-hans.

    The browser's Accept-Language is deliberately ignored: the portal serves Henan, where
    Chinese is the default for everyone until they pick English themselves.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        # The same address answers in either language depending on the cookie: tell caches.
        patch_vary_headers(response, ("Cookie",))
        return response
