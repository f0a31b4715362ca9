"""Search backends of the offer index, chosen by `settings.MATCHING_BACKEND`."""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from matching.backends.base import SearchBackend


def get_backend() -> SearchBackend:
    """The configured backend (one instance per backend path and Elasticsearch address)."""
    return _backend(settings.MATCHING_BACKEND, getattr(settings, "ELASTICSEARCH_URL", ""))


@cache
def _backend(path: str, url: str) -> SearchBackend:
    return import_string(path)()
