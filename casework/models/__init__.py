"""Casework data: persons, transfers, assessments, plans, persons' referrals, the shortlist and
second-person reviews."""

from casework.models.assessments import AssessedNeed, CorrectionPlan, NeedsAssessment, PlanGoal
from casework.models.persons import (
    ExecutionTransfer,
    NotificationChannel,
    PersonStatus,
    PreferredLanguage,
    SupervisedPerson,
    new_referral_code,
)
from casework.models.referrals import PersonReferral, ShortlistEntry
from casework.models.reviews import (
    ChangeKind,
    DuplicateMatch,
    DuplicateReason,
    DuplicateReview,
    PersonChangeRequest,
    ReviewState,
)

__all__ = [
    "AssessedNeed",
    "ChangeKind",
    "CorrectionPlan",
    "DuplicateMatch",
    "DuplicateReason",
    "DuplicateReview",
    "ExecutionTransfer",
    "NeedsAssessment",
    "NotificationChannel",
    "PersonChangeRequest",
    "PersonReferral",
    "PersonStatus",
    "PlanGoal",
    "PreferredLanguage",
    "ReviewState",
    "ShortlistEntry",
    "SupervisedPerson",
    "new_referral_code",
]
