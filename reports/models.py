"""The reports app's own records: the procuratorate's supervision opinions with their history,
and the committee's report inbox."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.organizations.models import CorrectionsAgency, Jurisdiction


class OpinionKind(models.TextChoices):
    SUGGESTION = "suggestion", _("Procuratorial suggestion")
    CORRECTION = "correction", _("Notice of correction")


class OpinionState(models.TextChoices):
    ISSUED = "issued", _("Awaiting the agency's response")
    RESPONDED = "responded", _("Responded, awaiting review")
    CLOSED = "closed", _("Closed: rectification accepted")


class SupervisionOpinion(models.Model):
    """A procuratorate's opinion on an agency's work, with a deadline for its response."""

    agency = models.ForeignKey(
        CorrectionsAgency,
        verbose_name=_("corrections agency"),
        on_delete=models.PROTECT,
        related_name="supervision_opinions",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=OpinionKind.choices)
    case_code = models.CharField(
        _("case code"),
        max_length=12,
        blank=True,
        help_text=_("The pseudonymous code of the case concerned, if any; never a name."),
    )
    subject = models.CharField(_("subject"), max_length=200)
    content = models.TextField(_("opinion"), max_length=5000)
    deadline = models.DateField(_("respond by"))
    state = models.CharField(
        _("state"), max_length=16, choices=OpinionState.choices, default=OpinionState.ISSUED
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    response = models.TextField(_("response"), max_length=5000, blank=True)
    rectification = models.TextField(_("rectification"), max_length=5000, blank=True)
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("supervision opinion")
        verbose_name_plural = _("supervision opinions")
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state=OpinionState.ISSUED) | ~Q(response=""),
                name="opinion_response_before_review",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_overdue(self) -> bool:
        return self.state == OpinionState.ISSUED and self.deadline < timezone.localdate()


class OpinionEvent(models.Model):
    """One step in an opinion's history, seen by both sides."""

    opinion = models.ForeignKey(
        SupervisionOpinion,
        verbose_name=_("supervision opinion"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    action = models.CharField(_("action"), max_length=16)
    from_state = models.CharField(
        _("from"), max_length=16, choices=OpinionState.choices, blank=True
    )
    to_state = models.CharField(_("to"), max_length=16, choices=OpinionState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), max_length=5000, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("opinion event")
        verbose_name_plural = _("opinion events")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_state or '∅'} → {self.to_state}"


class ReportDelivery(models.Model):
    """A report placed in a committee member unit's inbox: which sections, for which place and
    period. Its tables are built when it is read, so they speak the reader's language."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="report_deliveries",
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name=_("jurisdiction"), on_delete=models.PROTECT, related_name="+"
    )
    period_kind = models.CharField(_("kind of period"), max_length=16)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    sections = models.JSONField(_("sections"), default=list)
    created_at = models.DateTimeField(_("delivered at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivered report")
        verbose_name_plural = _("delivered reports")
        ordering = ["-period_end", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "jurisdiction", "period_start", "period_end"],
                name="report_delivered_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction} {self.period_start}–{self.period_end}"
