"""The offer registry: each offer app declares, in its `documents.py`, how its objects become
offer documents, so that matching never imports a feature app.

How an offer app takes part::

    # services_catalog/documents.py
    from matching.registry import OfferSource, register

    register(OfferSource(
        kind="service",                       # a value of matching.eligibility.OfferKind
        model=ServiceOfferPage,
        queryset=lambda: ServiceOfferPage.objects.live(),   # every indexable object
        to_document=service_document,         # obj -> OfferDocument, or None if not indexable
    ))

The document's key must be `matching.selectors.offer_key(kind, obj.pk)`. That is all: matching
connects generic receivers (in `MatchingConfig.ready`) that queue a reindex of the offer on
`post_save` and on Wagtail's `page_published`, and its removal on `post_delete` and
`page_unpublished`, for every registered model and its subclasses. Seat changes made through
`matching.services.capacity_set/seat_take/seat_release` reindex the offer too, and the index
takes `seats_left` from `OfferCapacity` when one is recorded. An app whose document also
depends on other objects (a location, a contract) calls `matching.services.index_offer(key=...)`
from its own services when those change. Indexing runs in background tasks (django-tasks);
`manage.py matching_index rebuild|status|verify` rebuilds, counts and checks the index.

An app that keeps its own record of the referrals to its offers (employment's job applications)
declares `referral_sent`: `matching.services.referral_transition` calls it, inside the sending
transaction, with the referral just sent. Every later step goes the other way: the app calls
`referral_transition` itself; nothing about a referral is copied back.

An app whose offers ask the person to bring something declares `things_to_bring` (obj ->
`ThingsToBring`): a referral keeps what it returns when it is opened and again when it is sent,
so the person's message and slip stay right whatever the offer says later.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.module_loading import autodiscover_modules

from matching.types import OfferDocument, ThingsToBring


@dataclass(frozen=True)
class OfferSource:
    """How one kind of offer is read: every indexable object, and one object as a document."""

    kind: str
    model: type[models.Model]
    queryset: Callable[[], Iterable[models.Model]]
    to_document: Callable[[models.Model], OfferDocument | None]
    referral_sent: Callable[[Any], None] | None = None
    things_to_bring: Callable[[Any], ThingsToBring] | None = None


_sources: dict[str, OfferSource] = {}
_discovered = False


def register(source: OfferSource) -> None:
    """Declare an offer source; called at import time from an app's `documents.py`."""
    _sources[source.kind] = source


def unregister(kind: str) -> None:
    """Forget an offer source (tests register temporary ones)."""
    _sources.pop(kind, None)


def sources() -> dict[str, OfferSource]:
    """All registered offer sources, discovering the apps' `documents.py` modules once."""
    global _discovered
    if not _discovered:
        # Marked only once every module is imported: a second thread meanwhile imports them
        # again (a no-op) instead of reading a half-filled registry.
        autodiscover_modules("documents")
        _discovered = True
    return dict(_sources)


def document_for(key: str) -> OfferDocument | None:
    """The current document of one offer (`<kind>:<id>`), or None when it is not indexable."""
    kind, _sep, raw_id = key.partition(":")
    source = sources().get(kind)
    if source is None or not raw_id.isdigit():
        return None
    obj = source.model._default_manager.filter(pk=int(raw_id)).first()
    return source.to_document(obj) if obj is not None else None


def things_to_bring_for(key: str) -> ThingsToBring:
    """What one offer (`<kind>:<id>`) asks a referred person to bring now (nothing if unknown)."""
    kind, _sep, raw_id = key.partition(":")
    source = sources().get(kind)
    if source is None or source.things_to_bring is None or not raw_id.isdigit():
        return ThingsToBring()
    obj = source.model._default_manager.filter(pk=int(raw_id)).first()
    return source.things_to_bring(obj) if obj is not None else ThingsToBring()


def source_for(model: type[models.Model]) -> list[OfferSource]:
    """The sources that read objects of a model (or of one of its parents)."""
    return [source for source in sources().values() if issubclass(model, source.model)]
