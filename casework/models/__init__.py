"""Casework data: persons, transfers, assessments, plans, persons' referrals and the shortlist."""

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

__all__ = [
    "AssessedNeed",
    "CorrectionPlan",
    "ExecutionTransfer",
    "NeedsAssessment",
    "NotificationChannel",
    "PersonReferral",
    "PersonStatus",
    "PlanGoal",
    "PreferredLanguage",
    "ShortlistEntry",
    "SupervisedPerson",
    "new_referral_code",
]
