"""Casework data: persons, transfers, assessments, plans, referrals and the shortlist."""

from casework.models.assessments import AssessedNeed, CorrectionPlan, NeedsAssessment, PlanGoal
from casework.models.persons import (
    ExecutionTransfer,
    PersonStatus,
    SupervisedPerson,
    new_referral_code,
)
from casework.models.referrals import (
    DEFAULT_SHARED_FIELDS,
    OPEN_STATES,
    SEAT_HOLDING_STATES,
    TRANSITIONS,
    Referral,
    ReferralEvent,
    ReferralState,
    SharedField,
    ShortlistEntry,
    Side,
    Transition,
)

__all__ = [
    "DEFAULT_SHARED_FIELDS",
    "OPEN_STATES",
    "SEAT_HOLDING_STATES",
    "TRANSITIONS",
    "AssessedNeed",
    "CorrectionPlan",
    "ExecutionTransfer",
    "NeedsAssessment",
    "PersonStatus",
    "PlanGoal",
    "Referral",
    "ReferralEvent",
    "ReferralState",
    "SharedField",
    "ShortlistEntry",
    "Side",
    "SupervisedPerson",
    "Transition",
    "new_referral_code",
]
