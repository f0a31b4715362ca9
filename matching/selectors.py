"""Reads of the matching layer shared by screens of every app."""

from matching.models import OfferCapacity
from matching.registry import sources
from matching.types import OfferDocument


def offer_key(kind: str, source_id: int) -> str:
    """The key that names an offer of any kind across apps: `<kind>:<id>`."""
    return f"{kind}:{source_id}"


def seats_left(*, offer_key: str) -> int | None:
    """Seats left on an offer (None: unlimited or never set)."""
    capacity = OfferCapacity.objects.filter(offer_key=offer_key).first()
    return capacity.seats_left if capacity else None


def offer_document(*, key: str) -> OfferDocument | None:
    """The current document of one offer, read from its app through the registry."""
    kind, _sep, raw_id = key.partition(":")
    source = sources().get(kind)
    if source is None or not raw_id.isdigit():
        return None
    obj = source.model._default_manager.filter(pk=int(raw_id)).first()
    return source.to_document(obj) if obj is not None else None
