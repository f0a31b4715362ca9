"""The site as `make run` serves it (DEBUG): /media/ mapped to MEDIA_ROOT, then every URL."""

from django.conf import settings
from django.urls import include, re_path
from django.views.static import serve


def media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", media),
    re_path(r"", include("portal.urls")),
]
