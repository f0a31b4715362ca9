"""Writes of the matching layer: seats taken and freed under a row lock, and the offer index."""

from django.db import transaction

from matching import tasks
from matching.backends import get_backend
from matching.backends.base import Progress
from matching.exceptions import OfferFull
from matching.indexing import indexed_documents
from matching.models import OfferCapacity
from matching.selectors import index_verify


def index_offer(*, key: str) -> None:
    """Queue the reindexing of one offer (after an edit, a publication or a seat change)."""
    tasks.offer_reindex.enqueue(key=key)


def index_remove(*, key: str) -> None:
    """Queue the removal of one offer from the index (after a deletion or unpublication)."""
    tasks.offer_unindex.enqueue(key=key)


def index_repair() -> int:
    """Queue a reindex of every offer the index disagrees on (after expiry, missed tasks)."""
    report = index_verify()
    for key in report.missing + report.stale:
        index_offer(key=key)
    for key in report.extra:
        index_remove(key=key)
    return len(report.missing + report.stale + report.extra)


def index_rebuild(*, progress: Progress | None = None) -> int:
    """Rebuild the whole index from the offer apps; readers keep the old index until it is done."""
    return get_backend().rebuild(indexed_documents(), progress)


def capacity_set(*, offer_key: str, seats_total: int | None) -> OfferCapacity:
    """Record an offer's seats (None: unlimited); never below the seats already taken."""
    with transaction.atomic():
        capacity, _created = OfferCapacity.objects.select_for_update().get_or_create(
            offer_key=offer_key
        )
        if seats_total is not None and seats_total < capacity.seats_taken:
            seats_total = capacity.seats_taken
        capacity.seats_total = seats_total
        capacity.full_clean()
        capacity.save()
    index_offer(key=offer_key)
    return capacity


def seat_take(*, offer_key: str) -> OfferCapacity:
    """Take one seat of an offer, or raise OfferFull; safe under concurrent calls."""
    with transaction.atomic():
        capacity, _created = OfferCapacity.objects.select_for_update().get_or_create(
            offer_key=offer_key
        )
        if capacity.seats_total is not None and capacity.seats_taken >= capacity.seats_total:
            raise OfferFull()
        capacity.seats_taken += 1
        capacity.save(update_fields=["seats_taken"])
    index_offer(key=offer_key)
    return capacity


def seat_release(*, offer_key: str) -> OfferCapacity:
    """Give a seat back to an offer (never below zero)."""
    with transaction.atomic():
        capacity, _created = OfferCapacity.objects.select_for_update().get_or_create(
            offer_key=offer_key
        )
        if capacity.seats_taken > 0:
            capacity.seats_taken -= 1
            capacity.save(update_fields=["seats_taken"])
    index_offer(key=offer_key)
    return capacity
