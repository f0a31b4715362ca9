"""Reviews by a second person: changes to a person that need a manager's approval (clearing the
sealed flag, a transfer), and possible duplicates routed to the managers of an agency."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from casework.models.persons import SupervisedPerson
from portal.organizations.models import CorrectionsAgency, JudicialOffice


class ReviewState(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ChangeKind(models.TextChoices):
    UNSEAL = "unseal", _("Clear the sealed flag")
    TRANSFER = "transfer", _("Transfer of executing place")


class DuplicateReason(models.TextChoices):
    IDENTITY_NUMBER = "identity_number", _("Same identity number")
    NAME_AND_BIRTH_DATE = "name_birth_date", _("Same name and birth date")
    SIMILAR_NAME = "similar_name", _("Same birth date, similar name")


class Review(models.Model):
    """What every second-person review holds: who asked, who decided, when and why."""

    agency = models.ForeignKey(
        CorrectionsAgency,
        verbose_name=_("deciding agency"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = models.CharField(
        _("state"), max_length=16, choices=ReviewState.choices, default=ReviewState.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    @property
    def is_pending(self) -> bool:
        return self.state == ReviewState.PENDING


def _four_eyes(name: str) -> models.CheckConstraint:
    """The one who decides is never the one who asked, and a decision names its decider."""
    return models.CheckConstraint(
        condition=(Q(state=ReviewState.PENDING) & Q(decided_by__isnull=True))
        | (~Q(state=ReviewState.PENDING) & ~Q(decided_by=F("requested_by"))),
        name=name,
    )


class PersonChangeRequest(Review):
    """A request to clear a person's sealed flag or to transfer them; applied only on approval."""

    person = models.ForeignKey(
        SupervisedPerson,
        verbose_name=_("supervised person"),
        on_delete=models.CASCADE,
        related_name="change_requests",
    )
    kind = models.CharField(_("change"), max_length=16, choices=ChangeKind.choices)
    reason = models.TextField(_("reason"))
    to_agency = models.ForeignKey(
        CorrectionsAgency,
        verbose_name=_("to agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_office = models.ForeignKey(
        JudicialOffice,
        verbose_name=_("to judicial office"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    transferred_on = models.DateField(_("date of transfer"), null=True, blank=True)

    class Meta(Review.Meta):
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")
        constraints = [
            _four_eyes("change_request_four_eyes"),
            models.UniqueConstraint(
                fields=["person", "kind"],
                condition=Q(state=ReviewState.PENDING),
                name="one_pending_change_per_kind",
            ),
            models.CheckConstraint(
                condition=Q(kind=ChangeKind.UNSEAL)
                | Q(to_agency__isnull=False, transferred_on__isnull=False),
                name="transfer_request_names_place_and_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.person.referral_code}"


class DuplicateReview(Review):
    """A newly recorded person who may be someone the recording caseworker may not see."""

    person = models.ForeignKey(
        SupervisedPerson,
        verbose_name=_("recorded person"),
        on_delete=models.CASCADE,
        related_name="duplicate_reviews",
    )

    class Meta(Review.Meta):
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        constraints = [_four_eyes("duplicate_review_four_eyes")]

    def __str__(self) -> str:
        return self.person.referral_code


class DuplicateMatch(models.Model):
    """One existing person a review found, and why."""

    review = models.ForeignKey(
        DuplicateReview, verbose_name=_("review"), on_delete=models.CASCADE, related_name="matches"
    )
    person = models.ForeignKey(
        SupervisedPerson,
        verbose_name=_("existing person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.CharField(_("why"), max_length=20, choices=DuplicateReason.choices)

    class Meta:
        verbose_name = _("possible match")
        verbose_name_plural = _("possible matches")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "person"], name="one_match_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.review} ~ {self.person.referral_code}"
