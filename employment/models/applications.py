"""Job applications: the employer's pipeline steps of a job referral, and their follow-ups."""

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from employment.vocabulary import (
    FOLLOW_UP_MONTHS,
    FOLLOW_UP_NOTICE_DAYS,
    OPEN_STATES,
    ApplicationState,
    FollowUpOutcome,
    LeftReason,
)


class JobApplication(models.Model):
    """A referred person's application to one job offer, seen by the employer only as shared."""

    job = models.ForeignKey(
        "employment.JobOfferPage",
        verbose_name=_("job offer"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    referral = models.OneToOneField(
        "matching.Referral",
        verbose_name=_("referral"),
        on_delete=models.PROTECT,
        related_name="job_application",
    )
    state = models.CharField(
        _("state"),
        max_length=24,
        choices=ApplicationState.choices,
        default=ApplicationState.REFERRED,
    )
    interview_at = models.DateTimeField(_("interview at"), null=True, blank=True)
    interview_place = models.CharField(_("interview place"), max_length=255, blank=True)
    hired_on = models.DateField(_("start date"), null=True, blank=True)
    outcome_reason = models.TextField(_("reason"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referred by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("referred at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("job application")
        verbose_name_plural = _("job applications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state=ApplicationState.NOT_HIRED) | ~Q(outcome_reason=""),
                name="application_not_hired_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(state=ApplicationState.HIRED) | Q(hired_on__isnull=False),
                name="application_hired_has_start_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.referral.person_code} → {self.job_id}"

    @property
    def is_open(self) -> bool:
        """Open while the pipeline has not ended and the referral itself is still open."""
        return self.state in OPEN_STATES and self.referral.is_open


class ApplicationEvent(models.Model):
    """One applied transition of an application: who moved it, from where to where, and why."""

    application = models.ForeignKey(
        JobApplication,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    from_state = models.CharField(
        _("from"), max_length=24, choices=ApplicationState.choices, blank=True
    )
    to_state = models.CharField(_("to"), max_length=24, choices=ApplicationState.choices)
    note = models.TextField(_("note"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("application event")
        verbose_name_plural = _("application events")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"


class FollowUp(models.Model):
    """A retention check of a hire, due 1, 3 or 6 months after the start date."""

    application = models.ForeignKey(
        JobApplication,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    months = models.PositiveSmallIntegerField(
        _("months after start"), choices=[(m, m) for m in FOLLOW_UP_MONTHS]
    )
    due_on = models.DateField(_("due on"))
    outcome = models.CharField(
        _("outcome"),
        max_length=16,
        choices=FollowUpOutcome.choices,
        default=FollowUpOutcome.PENDING,
    )
    left_reason = models.CharField(
        _("reason for leaving"), max_length=16, choices=LeftReason.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "months"], name="one_follow_up_per_month"
            ),
            models.CheckConstraint(
                condition=~Q(outcome=FollowUpOutcome.LEFT) | ~Q(left_reason=""),
                name="follow_up_left_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} +{self.months}"

    @property
    def is_pending(self) -> bool:
        return self.outcome == FollowUpOutcome.PENDING

    @staticmethod
    def last_due_open_on(day: date) -> date:
        """The latest due date of a follow-up that can be answered on `day`."""
        return day + timedelta(days=FOLLOW_UP_NOTICE_DAYS)

    @property
    def opens_on(self) -> date:
        """The first day this follow-up can be answered: a week before it is due."""
        return self.due_on - timedelta(days=FOLLOW_UP_NOTICE_DAYS)

    def is_open_on(self, day: date) -> bool:
        """Whether the follow-up can be answered on `day` (it is due or about to be)."""
        return self.due_on <= self.last_due_open_on(day)
