"""Site-wide views: the health check, the per-role dashboard and the error pages."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import requires_csrf_token

from wagtail.views import serve as wagtail_serve

from portal.accounts.roles import user_roles
from portal.dashboard import links_for_request
from portal.middleware import RefusedInput, language_for_request
from portal.organizations.selectors import organizations_for_user, staff_assignment_for_user
from portal.redirects import referring_url
from portal.sites import current_site

# Machine-readable APIs answer errors in JSON, never with an HTML page.
API_PREFIX = "/api/"
JSON_OPTIONS = {"ensure_ascii": False}


def json_error(status: int, message: Any, **headers: str) -> JsonResponse:
    """Every error under /api/ has one shape: {"error": message}, in the reader's language."""
    response = JsonResponse({"error": str(message)}, status=status, json_dumps_params=JSON_OPTIONS)
    for name, value in headers.items():
        response[name] = value
    return response


def health(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Where everyone lands after login: what their role can do, and where they stand."""
    links = [
        {
            "link": link,
            "url": link.url(request),
            "count": link.count(request) if link.count else None,
        }
        for link in links_for_request(request, user_roles(request.user))
    ]
    context = {
        "links": links,
        "organizations": organizations_for_user(request.user),
        "assignment": staff_assignment_for_user(request.user),
    }
    return render(request, "portal/dashboard.html", context)


ERRORS = {
    400: (_("Bad request"), _("The site could not understand this request.")),
    403: (_("Access denied"), _("You do not have permission to open this page.")),
    404: (_("Page not found"), _("The page you asked for does not exist or has moved.")),
}


def _error_page(request: HttpRequest, status: int, message: Any = None) -> HttpResponse:
    """An error in the site's layout and the reader's language, with a way back (in JSON under
    the API)."""
    title, explanation = ERRORS[status]
    if request.path.startswith(API_PREFIX):
        with translation.override(language_for_request(request)):
            return json_error(status, message or explanation)
    if not hasattr(request, "user"):  # refused before the authentication middleware ran
        request.user = AnonymousUser()
    context = {
        "status": status,
        "title": title,
        "explanation": message or explanation,
        "back_url": referring_url(request),
    }
    with translation.override(language_for_request(request)):
        return render(request, f"{status}.html", context, status=status)


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400: a refused request; a message written for the reader is shown as it is."""
    message = exception.args[0] if isinstance(exception, RefusedInput) else None
    return _error_page(request, 400, message)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """403: the page exists but is not for this account."""
    return _error_page(request, 403)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404: no such page (or one this account may not know exists)."""
    return _error_page(request, 404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """403 when a form's security token is missing or stale (an old tab, cookies blocked)."""
    message = _(
        "The form could not be sent because its security check failed, usually because the page "
        "was open for a long time or cookies are blocked. Go back, reload the page and try again."
    )
    return _error_page(request, 403, message)


def server_error(request: HttpRequest) -> HttpResponse:
    """500 with minimal context (the database or a context processor may be what failed)."""
    with translation.override(language_for_request(request)):
        if request.path.startswith(API_PREFIX):
            return json_error(500, _("The server could not answer. Try again later."))
        content = loader.get_template("500.html").render({})
    return HttpResponse(content, status=500)


def page_serve(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's page view, with the request's site found once per process and generation of
    public content (Wagtail's routing would look it up with a query on every request)."""
    current_site(request)
    return wagtail_serve(request, path)
