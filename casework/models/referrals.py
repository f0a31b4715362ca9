"""Referrals of a person to an offer, their one transition table, events and the shortlist."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from casework.models.persons import SupervisedPerson
from matching.eligibility import OfferKind
from matching.models import Category
from portal.organizations.models import Organization


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
"""The one table of allowed referral transitions; `services.referral_transition` applies it."""

SEAT_HOLDING_STATES = frozenset({S.ACCEPTED, S.IN_PROGRESS})
OPEN_STATES = frozenset({S.DRAFT, S.SENT, S.ACCEPTED, S.IN_PROGRESS})


class SharedField(models.TextChoices):
    """Fields a person may consent to share beyond the code and the need."""

    FIRST_NAME = "first_name", _("Given name")
    PHONE = "phone", _("Phone")
    AGE = "age", _("Age")
    GENDER = "gender", _("Gender")


DEFAULT_SHARED_FIELDS = [SharedField.FIRST_NAME.value]


class Referral(models.Model):
    """A person referred to one offer, with what the person consented to share."""

    person = models.ForeignKey(
        SupervisedPerson,
        verbose_name=_("supervised person"),
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    offer_key = models.CharField(_("offer"), max_length=64, db_index=True)
    offer_title = models.CharField(_("offer title"), max_length=255)
    offer_kind = models.CharField(_("kind of offer"), max_length=32, choices=OfferKind.choices)
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
    shared_fields = models.JSONField(
        _("consented fields"),
        default=list,
        blank=True,
        help_text=_(
            "Besides the referral code and the need, only these fields are shown to the "
            "provider. An identity number, offence or assessment is never shared."
        ),
    )
    consent_recorded_at = models.DateTimeField(_("consent recorded at"), null=True)
    message = models.TextField(
        _("message to the provider"),
        blank=True,
        help_text=_("Seen by the provider: never write an identity number, offence or assessment."),
    )
    state = models.CharField(
        _("state"), max_length=16, choices=ReferralState.choices, default=ReferralState.DRAFT
    )
    seat_held = models.BooleanField(_("holds a seat"), default=False, editable=False)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    overdue_flagged_at = models.DateTimeField(_("flagged overdue at"), null=True, blank=True)
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
        ]
        indexes = [models.Index(fields=["state", "sent_at"])]

    def __str__(self) -> str:
        return f"{self.person.referral_code} → {self.offer_title}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def shared_with_provider(self, *, on: date) -> dict[str, object]:
        """What the provider may see of the person: the code, the need, and consented fields."""
        person = self.person
        values = {
            SharedField.FIRST_NAME: person.given_name,
            SharedField.PHONE: person.phone,
            SharedField.AGE: person.age_on(on),
            SharedField.GENDER: person.get_gender_display(),
        }
        shared: dict[str, object] = {
            "referral_code": person.referral_code,
            "need": self.need_category.display_name,
        }
        shared.update({key: values[key] for key in SharedField.values if key in self.shared_fields})
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

    def __str__(self) -> str:
        return f"{self.from_state or '∅'} → {self.to_state}"


class ShortlistEntry(models.Model):
    """An offer a caseworker set aside for a person on the matching screen."""

    person = models.ForeignKey(
        SupervisedPerson,
        verbose_name=_("supervised person"),
        on_delete=models.CASCADE,
        related_name="shortlist",
    )
    offer_key = models.CharField(_("offer"), max_length=64)
    offer_title = models.CharField(_("offer title"), max_length=255)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("shortlisted offer")
        verbose_name_plural = _("shortlisted offers")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "offer_key"], name="shortlist_once"),
        ]

    def __str__(self) -> str:
        return self.offer_title
