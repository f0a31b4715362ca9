"""Writes of the matching layer: seats taken and freed, under a row lock."""

from django.db import transaction

from matching.exceptions import OfferFull
from matching.models import OfferCapacity


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
    return capacity
