"""Site-wide views: the health check and the per-role dashboard."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from portal.dashboard import links_for


def health(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    role = "superuser" if request.user.is_superuser and not request.user.role else request.user.role
    links = [
        {"link": link, "url": link.url(request), "count": link.count(request) if link.count else None}
        for link in links_for(role)
    ]
    return render(request, "portal/dashboard.html", {"links": links, "role": role})
