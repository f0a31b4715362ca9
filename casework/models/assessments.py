"""Versioned needs assessments and individual correction plans: a new version is a new row."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from casework.models.persons import SupervisedPerson
from matching.models import Category


class NeedsAssessment(models.Model):
    """One version of a person's needs assessment; confidential, never shared with providers."""

    person = models.ForeignKey(
        SupervisedPerson,
        verbose_name=_("supervised person"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    version = models.PositiveIntegerField(_("version"))
    assessed_at = models.DateField(_("assessed on"))
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessor"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.TextField(_("confidential summary"), blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("needs assessment")
        verbose_name_plural = _("needs assessments")
        ordering = ["person", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["person", "version"], name="assessment_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person} v{self.version}"


class AssessedNeed(models.Model):
    """One need of an assessment: a category of the taxonomy with its priority."""

    assessment = models.ForeignKey(
        NeedsAssessment,
        verbose_name=_("needs assessment"),
        on_delete=models.CASCADE,
        related_name="needs",
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 low … 5 urgent"),
    )
    notes = models.TextField(_("confidential notes"), blank=True)

    class Meta:
        verbose_name = _("assessed need")
        verbose_name_plural = _("assessed needs")
        ordering = ["-priority", "category__sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "category"], name="need_once_per_version"
            ),
            models.CheckConstraint(
                condition=Q(priority__gte=1, priority__lte=5), name="need_priority_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category} ({self.priority})"


class CorrectionPlan(models.Model):
    """One version of a person's individual correction plan."""

    person = models.ForeignKey(
        SupervisedPerson,
        verbose_name=_("supervised person"),
        on_delete=models.CASCADE,
        related_name="plans",
    )
    version = models.PositiveIntegerField(_("version"))
    valid_from = models.DateField(_("valid from"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.TextField(_("summary"), blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("individual correction plan")
        verbose_name_plural = _("individual correction plans")
        ordering = ["person", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["person", "version"], name="plan_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person} v{self.version}"


class PlanGoal(models.Model):
    """A goal of a correction plan, with its measures and the date it is reviewed."""

    plan = models.ForeignKey(
        CorrectionPlan,
        verbose_name=_("correction plan"),
        on_delete=models.CASCADE,
        related_name="goals",
    )
    description = models.CharField(_("goal"), max_length=255)
    measures = models.TextField(_("measures"), blank=True)
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    review_on = models.DateField(_("review date"))

    class Meta:
        verbose_name = _("plan goal")
        verbose_name_plural = _("plan goals")
        ordering = ["review_on", "id"]

    def __str__(self) -> str:
        return self.description
