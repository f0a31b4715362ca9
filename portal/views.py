"""Site-wide views: the health check and the per-role dashboard."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from portal.accounts.roles import user_roles
from portal.dashboard import links_for_request
from portal.organizations.selectors import organizations_for_user, staff_assignment_for_user


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
