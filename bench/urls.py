"""The site's URLs plus the bare view the page series compares every page with (bench only)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from portal.urls import urlpatterns as site_urlpatterns


def ok(request: HttpRequest) -> HttpResponse:
    """The least a Django view can do: what the server and middleware cost on their own."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/ok/", ok, name="bench_ok"), *site_urlpatterns]
