"""Data of the marketplace layer: taxonomy, seats, the offer index and the referral."""

from matching.models.funding import OfferFunding
from matching.models.index import OfferIndexDocument, OfferIndexEntry, OfferIndexTag
from matching.models.referrals import (
    DEFAULT_SHARED_FIELDS,
    ENDED_STATES,
    NOTE_MAX_LENGTH,
    OPEN_STATES,
    SEAT_HOLDING_STATES,
    SHARED_LABELS,
    TRANSITIONS,
    OnwardProposal,
    OnwardState,
    OutcomeResult,
    Referral,
    ReferralEvent,
    ReferralNote,
    ReferralState,
    SharedField,
    Side,
    Transition,
)
from matching.models.taxonomy import Category, OfferCapacity

__all__ = [
    "DEFAULT_SHARED_FIELDS",
    "ENDED_STATES",
    "NOTE_MAX_LENGTH",
    "OPEN_STATES",
    "SEAT_HOLDING_STATES",
    "SHARED_LABELS",
    "TRANSITIONS",
    "Category",
    "OfferCapacity",
    "OfferFunding",
    "OfferIndexDocument",
    "OfferIndexEntry",
    "OfferIndexTag",
    "OnwardProposal",
    "OnwardState",
    "OutcomeResult",
    "Referral",
    "ReferralEvent",
    "ReferralNote",
    "ReferralState",
    "SharedField",
    "Side",
    "Transition",
]
