"""The employment vocabulary: job categories, hours, fair-chance terms, pipeline, follow-ups."""

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class JobCategory(models.TextChoices):
    MANUFACTURING = "manufacturing", _("Manufacturing and assembly")
    CONSTRUCTION = "construction", _("Construction and decoration")
    LOGISTICS = "logistics", _("Logistics, delivery and driving")
    CATERING = "catering", _("Catering and kitchen")
    RETAIL = "retail", _("Retail and sales")
    PROPERTY_SERVICES = "property_services", _("Cleaning, security and property services")
    AGRICULTURE = "agriculture", _("Agriculture and farming")
    DOMESTIC_SERVICES = "domestic_services", _("Domestic and care services")
    REPAIR = "repair", _("Repair and maintenance")
    OFFICE = "office", _("Office and clerical work")
    OTHER = "other", _("Other")


class WorkingHours(models.TextChoices):
    FULL_TIME = "full_time", _("Full time, day shifts")
    SHIFTS = "shifts", _("Full time, rotating shifts")
    PART_TIME = "part_time", _("Part time")
    FLEXIBLE = "flexible", _("Flexible hours")
    SEASONAL = "seasonal", _("Seasonal")


class OffenceCategory(models.TextChoices):
    TRAFFIC = "traffic", _("Traffic offences")
    PROPERTY = "property", _("Non-violent property offences")
    FRAUD = "fraud", _("Fraud and economic offences")
    PUBLIC_ORDER = "public_order", _("Public-order offences")
    DRUGS = "drugs", _("Drug-related offences")
    VIOLENT = "violent", _("Violent offences")
    DUTY = "duty", _("Duty-related offences")
    OTHER = "other", _("Other offences")


class DisclosurePolicy(models.TextChoices):
    NOT_ASKED = "not_asked", _("We do not ask about criminal records")
    AFTER_OFFER = "after_offer", _("We ask only after a conditional job offer")
    AT_INTERVIEW = "at_interview", _("We discuss it in confidence at the interview")
    BEFORE_INTERVIEW = "before_interview", _("We ask before the interview")


class SupportType(models.TextChoices):
    GUIDANCE = "guidance", _("Business guidance and mentoring")
    TRAINING = "training", _("Entrepreneurship training")
    SMALL_LOANS = "small_loans", _("Small guaranteed loans")
    INCUBATOR = "incubator", _("Incubator places")


class ApplicationState(models.TextChoices):
    REFERRED = "referred", _("Referred")
    INTERVIEW_SCHEDULED = "interview_scheduled", _("Interview scheduled")
    OFFERED = "offered", _("Offered")
    HIRED = "hired", _("Hired")
    NOT_HIRED = "not_hired", _("Not hired")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATES = frozenset(
    {ApplicationState.REFERRED, ApplicationState.INTERVIEW_SCHEDULED, ApplicationState.OFFERED}
)


class FollowUpOutcome(models.TextChoices):
    PENDING = "pending", _("Due")
    STILL_EMPLOYED = "still_employed", _("Still employed")
    LEFT = "left", _("Left the job")
    NOT_NEEDED = "not_needed", _("No longer needed")


class LeftReason(models.TextChoices):
    RESIGNED = "resigned", _("Resigned")
    DISMISSED = "dismissed", _("Dismissed")
    CONTRACT_ENDED = "contract_ended", _("Contract or season ended")
    HEALTH = "health", _("Health or family reasons")
    MOVED = "moved", _("Moved away")
    BETTER_JOB = "better_job", _("Found another job")
    OTHER = "other", _("Other")


FOLLOW_UP_MONTHS = (1, 3, 6)
FOLLOW_UP_NOTICE_DAYS = 7  # a follow-up opens this many days before it is due


@dataclass(frozen=True)
class Transition:
    """One step of the application pipeline and the referral actions (of
    `matching.models.TRANSITIONS`, applied as the provider) it takes, by source state."""

    sources: frozenset[str]
    target: str
    label: Promise
    referral_actions: Mapping[str, tuple[str, ...]]


S = ApplicationState
# The one table of the application pipeline. The referral follows by the actions of the one
# referral table: sent -accept-> accepted -start-> in progress -complete-> completed; decline from
# sent; no_show from accepted or in progress.
TRANSITIONS: dict[str, Transition] = {
    "schedule_interview": Transition(
        frozenset({S.REFERRED}),
        S.INTERVIEW_SCHEDULED,
        _("Schedule an interview"),
        {S.REFERRED: ("accept",)},
    ),
    "offer": Transition(
        frozenset({S.INTERVIEW_SCHEDULED}),
        S.OFFERED,
        _("Offer the job"),
        {S.INTERVIEW_SCHEDULED: ("start",)},
    ),
    "hire": Transition(
        frozenset({S.OFFERED}), S.HIRED, _("Record the hire"), {S.OFFERED: ("complete",)}
    ),
    "reject": Transition(
        OPEN_STATES,
        S.NOT_HIRED,
        _("Not hired"),
        {
            S.REFERRED: ("decline",),
            S.INTERVIEW_SCHEDULED: ("start", "complete"),
            S.OFFERED: ("complete",),
        },
    ),
    "withdraw": Transition(
        OPEN_STATES,
        S.WITHDRAWN,
        _("The person withdrew"),
        {
            S.REFERRED: ("decline",),
            S.INTERVIEW_SCHEDULED: ("no_show",),
            S.OFFERED: ("complete",),
        },
    ),
}
TRANSITION_ACTIONS = [(action, transition.label) for action, transition in TRANSITIONS.items()]
