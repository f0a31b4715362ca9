"""The referral: one person referred to one offer, its one transition table, events and notes.

A referral never holds a person's identity: it carries the pseudonymous person code and a
snapshot of the fields the person consented to share, taken when it is sent. Casework links its
persons to their referrals on its own side.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from matching.bring import things_written
from matching.eligibility import Gender, OfferKind
from matching.models.taxonomy import Category
from matching.types import ThingsToBring
from portal.identity import validate_no_identity_number
from portal.organizations.models import Organization

NOTE_MAX_LENGTH = 2000
# Text both sides read: never an identity number, never longer than a note.
TEXT_SHARED_VALIDATORS = [validate_no_identity_number, MaxLengthValidator(NOTE_MAX_LENGTH)]


class ReferralState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    NO_SHOW = "no_show", _("No-show")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CLOSED = "closed", _("Closed")


class Side(models.TextChoices):
    CASEWORKER = "caseworker", _("Caseworker")
    PROVIDER = "provider", _("Provider")


class OutcomeResult(models.TextChoices):
    """How far the goal of a completed referral was met."""

    MET = "met", _("Goal met")
    PARTLY_MET = "partly_met", _("Goal partly met")
    NOT_MET = "not_met", _("Goal not met")


@dataclass(frozen=True)
class Transition:
    """One allowed move: from which states, to which state, by which side, and its wording."""

    sources: frozenset[str]
    target: str
    side: str
    label: str
    note_label: str = ""
    note_required: bool = False


S = ReferralState
TRANSITIONS: dict[str, Transition] = {
    "send": Transition(frozenset({S.DRAFT}), S.SENT, Side.CASEWORKER, _("Send")),
    "accept": Transition(frozenset({S.SENT}), S.ACCEPTED, Side.PROVIDER, _("Accept")),
    "decline": Transition(
        frozenset({S.SENT}), S.DECLINED, Side.PROVIDER, _("Decline"), _("Reason"), True
    ),
    "start": Transition(frozenset({S.ACCEPTED}), S.IN_PROGRESS, Side.PROVIDER, _("Start")),
    "complete": Transition(
        frozenset({S.IN_PROGRESS}), S.COMPLETED, Side.PROVIDER, _("Complete"), _("Outcome"), True
    ),
    "no_show": Transition(
        frozenset({S.ACCEPTED, S.IN_PROGRESS}), S.NO_SHOW, Side.PROVIDER, _("Record no-show")
    ),
    "withdraw": Transition(
        frozenset({S.SENT, S.ACCEPTED, S.IN_PROGRESS}),
        S.WITHDRAWN,
        Side.CASEWORKER,
        _("Withdraw"),
        _("Reason"),
        True,
    ),
    "close": Transition(
        frozenset({S.COMPLETED, S.DECLINED, S.NO_SHOW, S.WITHDRAWN}),
        S.CLOSED,
        Side.CASEWORKER,
        _("Close"),
    ),
}
"""The one table of allowed referral transitions; `matching.services.referral_transition`
applies it."""

SEAT_HOLDING_STATES = frozenset({S.ACCEPTED, S.IN_PROGRESS})
"""Accepted or in progress: the person holds a seat and is being served."""
OPEN_STATES = frozenset({S.DRAFT, S.SENT, S.ACCEPTED, S.IN_PROGRESS})
ENDED_STATES = frozenset({S.DECLINED, S.COMPLETED, S.NO_SHOW, S.WITHDRAWN, S.CLOSED})


class SharedField(models.TextChoices):
    """Fields a person may consent to share beyond the code and the need."""

    FIRST_NAME = "first_name", _("Given name")
    PHONE = "phone", _("Phone")
    AGE = "age", _("Age")
    GENDER = "gender", _("Gender")


DEFAULT_SHARED_FIELDS = [SharedField.FIRST_NAME.value]
SHARED_LABELS = {
    "referral_code": _("Person code (pseudonymous)"),
    "need": _("Need"),
    **dict(SharedField.choices),
}


class Referral(models.Model):
    """A person (by pseudonymous code) referred to one offer, with the consented snapshot."""

    person_code = models.CharField(_("person code (pseudonymous)"), max_length=32, db_index=True)
    offer_key = models.CharField(_("offer"), max_length=64, db_index=True, blank=True)
    offer_title = models.CharField(_("offer title"), max_length=255)
    offer_kind = models.CharField(
        _("kind of offer"), max_length=32, choices=OfferKind.choices, blank=True
    )
    offer_url = models.CharField(_("offer address"), max_length=500, blank=True)
    provider_name = models.CharField(_("provider"), max_length=255)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("provider organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("offered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="received_referrals",
    )
    need_category = models.ForeignKey(
        Category, verbose_name=_("need"), on_delete=models.PROTECT, related_name="+"
    )
    documents_to_bring = models.JSONField(
        _("documents to bring"),
        default=list,
        blank=True,
        editable=False,
        help_text=_("The offer's list when the referral was sent (values of the shared list)."),
    )
    other_things_to_bring = models.JSONField(
        _("other things to bring"),
        default=list,
        blank=True,
        editable=False,
        help_text=_("The offer's other things to bring when the referral was sent, as written."),
    )
    shared_fields = models.JSONField(
        _("consented fields"),
        default=list,
        blank=True,
        help_text=_(
            "Besides the person code (pseudonymous) and the need, only these fields are shown to "
            "the provider. An identity number, offence or assessment is never shared."
        ),
    )
    shared_values = models.JSONField(
        _("consented values"), default=dict, blank=True, editable=False
    )
    consent_recorded_at = models.DateTimeField(_("consent recorded at"), null=True, blank=True)
    message = models.TextField(
        _("message to the provider"),
        blank=True,
        validators=TEXT_SHARED_VALIDATORS,
        help_text=_("Seen by the provider: never write an identity number, offence or assessment."),
    )
    state = models.CharField(
        _("state"), max_length=16, choices=ReferralState.choices, default=ReferralState.DRAFT
    )
    is_logged = models.BooleanField(
        _("logged"),
        default=False,
        help_text=_("Made outside the platform and recorded here: no seat, no notification."),
    )
    previous = models.ForeignKey(
        "self",
        verbose_name=_("onward from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="onward_referrals",
    )
    seat_held = models.BooleanField(_("holds a seat"), default=False, editable=False)
    decline_reason = models.TextField(
        _("reason for declining"), blank=True, validators=TEXT_SHARED_VALIDATORS
    )
    outcome = models.TextField(_("outcome"), blank=True, validators=TEXT_SHARED_VALIDATORS)
    outcome_result = models.CharField(
        _("result"), max_length=16, choices=OutcomeResult.choices, blank=True
    )
    sessions_attended = models.PositiveSmallIntegerField(
        _("sessions attended"), null=True, blank=True
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    overdue_flagged_at = models.DateTimeField(_("flagged overdue at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("caseworker last reminded at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referred by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state=ReferralState.DECLINED) | ~Q(decline_reason=""),
                name="referral_declined_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(state=ReferralState.COMPLETED) | ~Q(outcome=""),
                name="referral_completed_has_outcome",
            ),
            models.CheckConstraint(
                condition=Q(is_logged=False) | Q(seat_held=False),
                name="referral_logged_holds_no_seat",
            ),
        ]
        indexes = [models.Index(fields=["state", "sent_at"])]

    def __str__(self) -> str:
        return f"{self.person_code} → {self.offer_title}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_overdue(self) -> bool:
        """Flagged overdue and still unanswered: what `selectors.overdue_referrals` keeps."""
        return self.state == ReferralState.SENT and self.overdue_flagged_at is not None

    @property
    def things_to_bring(self) -> list[str]:
        """What the person is asked to bring, in the active language where the list names it."""
        things = ThingsToBring(
            documents=tuple(self.documents_to_bring), other=tuple(self.other_things_to_bring)
        )
        return things_written(things, language=get_language() or settings.LANGUAGE_CODE)

    def shared_with_provider(self) -> dict[str, object]:
        """What the provider may see of the person: the code, the need, and consented fields."""
        shared: dict[str, object] = {
            "referral_code": self.person_code,
            "need": self.need_category.display_name,
        }
        for key in SharedField.values:
            if key in self.shared_fields and key in self.shared_values:
                shared[key] = self.shared_values[key]
        if "gender" in shared:
            shared["gender"] = dict(Gender.choices).get(str(shared["gender"]), shared["gender"])
        return shared


class ReferralEvent(models.Model):
    """One applied transition of a referral: who, when, from which state to which, and why."""

    referral = models.ForeignKey(
        Referral, verbose_name=_("referral"), on_delete=models.CASCADE, related_name="events"
    )
    from_state = models.CharField(
        _("from"), max_length=16, choices=ReferralState.choices, blank=True
    )
    to_state = models.CharField(_("to"), max_length=16, choices=ReferralState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("referral event")
        verbose_name_plural = _("referral events")
        ordering = ["created_at", "id"]
        # A referral's latest state (or its state on a day) read by the reports, and whether it
        # was ever accepted, from the index alone.
        indexes = [
            models.Index(
                fields=["referral", "created_at", "id"],
                include=["to_state"],
                name="referralevent_latest_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.from_state or '∅'} → {self.to_state}"


class ReferralNote(models.Model):
    """A note on a referral from either side, shown to both in one timeline with the events."""

    referral = models.ForeignKey(
        Referral, verbose_name=_("referral"), on_delete=models.CASCADE, related_name="notes"
    )
    side = models.CharField(_("side"), max_length=16, choices=Side.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(
        _("note"),
        max_length=NOTE_MAX_LENGTH,
        validators=TEXT_SHARED_VALIDATORS,
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("referral note")
        verbose_name_plural = _("referral notes")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:50]


class OnwardState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class OnwardProposal(models.Model):
    """A provider's proposal to refer the person on to another offer; the caseworker approves
    it (with the person's consent re-confirmed) and it becomes a new referral linked to this."""

    referral = models.ForeignKey(
        Referral,
        verbose_name=_("referral"),
        on_delete=models.CASCADE,
        related_name="onward_proposals",
    )
    offer_key = models.CharField(_("offer"), max_length=64)
    offer_title = models.CharField(_("offer title"), max_length=255)
    provider_name = models.CharField(_("provider"), max_length=255)
    reason = models.TextField(_("why"), validators=TEXT_SHARED_VALIDATORS)
    state = models.CharField(
        _("state"), max_length=16, choices=OnwardState.choices, default=OnwardState.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    onward_referral = models.OneToOneField(
        Referral,
        verbose_name=_("onward referral"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposal",
    )
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("onward referral proposal")
        verbose_name_plural = _("onward referral proposals")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["referral", "offer_key"],
                condition=Q(state="proposed"),
                name="one_open_proposal_per_offer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.referral} ⇒ {self.offer_title}"
