"""Search backends of the offer index, chosen by `settings.MATCHING_BACKEND`."""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from matching.backends.base import SearchBackend


def get_backend() -> SearchBackend:
    """The configured backend (one instance per backend path, Elasticsearch address and prefix)."""
    return _backend(
        settings.MATCHING_BACKEND,
        getattr(settings, "ELASTICSEARCH_URL", ""),
        getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", ""),
    )


@cache
def _backend(path: str, url: str, prefix: str) -> SearchBackend:
    return import_string(path)()
