"""Data of the marketplace layer: taxonomy, seats, the offer index and the referral."""

from matching.models.index import OfferIndexDocument, OfferIndexEntry
from matching.models.taxonomy import Category, OfferCapacity

__all__ = [
    "Category",
    "OfferCapacity",
    "OfferIndexDocument",
    "OfferIndexEntry",
]
