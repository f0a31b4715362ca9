"""Staff sessions: a second factor before anything else, and an end after idle time."""

import time
from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext as _

from portal.accounts.roles import is_staff_member, requires_mfa
from portal.accounts.selectors import mfa_enrolled

LAST_ACTIVITY_KEY = "staff_last_activity"
# Seconds between writes of the activity time: a session is not saved on every request.
ACTIVITY_RESOLUTION = 60


def staff_session_start(request: HttpRequest) -> None:
    """A staff session ends at browser close; its idle clock starts now."""
    request.session.set_expiry(0)
    request.session[LAST_ACTIVITY_KEY] = int(time.time())


class StaffSessionMiddleware:
    """Log staff out after STAFF_SESSION_IDLE_MINUTES without a request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if is_staff_member(request.user):
            now = int(time.time())
            last = request.session.get(LAST_ACTIVITY_KEY)
            if last is not None and now - last > settings.STAFF_SESSION_IDLE_MINUTES * 60:
                logout(request)
                messages.info(request, _("You were logged out after a time without activity."))
                return redirect_to_login(request.get_full_path())
            if last is None or now - last >= ACTIVITY_RESOLUTION:
                staff_session_start(request)
        return self.get_response(request)


class MfaRequiredMiddleware:
    """Send staff without an activated authenticator to set one up before any other page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            requires_mfa(request.user)
            and not self._allowed(request.path_info)
            and not mfa_enrolled(request.user)
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _allowed(path: str) -> bool:
        urlconf = get_urlconf() or settings.ROOT_URLCONF
        return path.startswith(mfa_free_prefixes(get_script_prefix(), urlconf, settings.STATIC_URL))


@cache
def mfa_free_prefixes(script_prefix: str, urlconf: str, static_url: str) -> tuple[str, ...]:
    """The paths staff reach before enrolling a second factor, reversed once per URL
    configuration and prefix (the URLs carry no language prefix; the arguments key the cache)."""
    return (
        reverse("mfa_index", urlconf),
        reverse("account_logout", urlconf),
        reverse("account_reauthenticate", urlconf),
        reverse("set_language", urlconf),
        static_url,
    )
