"""Turning the offer apps' objects into indexed documents, and keeping the index in step."""

import dataclasses
from collections.abc import Iterator

from django.db.models import QuerySet

from matching.backends import get_backend
from matching.backends.base import IndexedDocument
from matching.models import OfferCapacity
from matching.ranking import jurisdiction_point
from matching.registry import document_for, sources
from matching.types import OfferDocument
from portal.cache import public_content_changed
from portal.organizations.models import Jurisdiction


class Enricher:
    """Completes documents with what matching owns: seats left and jurisdiction centres."""

    def __init__(self, keys: list[str] | None = None):
        capacities = OfferCapacity.objects.exclude(seats_total=None)
        if keys is not None:
            capacities = capacities.filter(offer_key__in=keys)
        self.seats = {capacity.offer_key: capacity.seats_left for capacity in capacities}
        self.few = keys is not None
        self._points: dict[str, tuple[float, float]] | None = None

    def point(self, code: str) -> tuple[float, float] | None:
        """A division's centre: looked up alone for a few documents, from one map for many."""
        if self.few:
            return jurisdiction_point(code)
        if self._points is None:
            rows = Jurisdiction.objects.values_list("code", "latitude", "longitude")
            self._points = {code: (float(lat), float(lon)) for code, lat, lon in rows}
        return self._points.get(code) or self._points.get(code[:6])

    def __call__(self, document: OfferDocument) -> IndexedDocument:
        changes: dict = {}
        if document.key in self.seats:
            changes["seats_left"] = self.seats[document.key]
        if document.latitude is None and document.jurisdiction_code:
            point = self.point(document.jurisdiction_code)
            if point:
                changes["latitude"], changes["longitude"] = point
        document = dataclasses.replace(document, **changes) if changes else document
        return IndexedDocument(document=document)


def source_documents() -> Iterator[OfferDocument]:
    """Every indexable offer of every registered source."""
    from wagtail.models import Site

    # Wagtail reads the sites' root paths once per page object (one cache read, i.e. one query
    # with the database cache, per offer URL): read them once and hand them to every page.
    roots = Site.get_site_root_paths()
    for source in sources().values():
        for obj in source.queryset():
            obj._wagtail_cached_site_root_paths = roots  # type: ignore[attr-defined]
            document = source.to_document(obj)
            if document is not None:
                yield document


def source_count() -> int:
    """How many objects the sources offer for indexing (an upper bound for progress bars)."""
    total = 0
    for source in sources().values():
        queryset = source.queryset()
        total += queryset.count() if isinstance(queryset, QuerySet) else len(list(queryset))
    return total


def indexed_documents() -> Iterator[IndexedDocument]:
    """Every indexable offer, completed and fingerprinted."""
    enrich = Enricher()
    for document in source_documents():
        yield enrich(document)


def offer_sync(key: str) -> None:
    """Bring one offer's index entry in line with its app: add, replace or remove it."""
    document = document_for(key)
    backend = get_backend()
    if document is None:
        backend.remove([key])
    else:
        backend.upsert([Enricher(keys=[document.key])(document)])
    public_content_changed()
