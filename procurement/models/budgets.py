"""Per-capita standards and the yearly budget of each corrections agency."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.organizations.models import CorrectionsAgency, Jurisdiction

ZERO = Decimal("0.00")


def money_field(verbose_name, **kwargs) -> models.DecimalField:
    """A yuan amount: two places, never negative."""
    return models.DecimalField(
        verbose_name,
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(ZERO)],
        **kwargs,
    )


class PerCapitaStandard(models.Model):
    """Yuan per supervised person per year, set for a province, city or county and a year."""

    jurisdiction = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("jurisdiction"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = money_field(_("yuan per person per year"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("per-capita standard")
        verbose_name_plural = _("per-capita standards")
        ordering = ["-year", "jurisdiction__code"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "year"], name="standard_once_a_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="standard_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction} {self.year}: ¥{self.amount}"


class AgencyBudget(models.Model):
    """An agency's budget for a year: standard × average month-end persons, or an override."""

    agency = models.ForeignKey(
        CorrectionsAgency,
        verbose_name=_("corrections agency"),
        on_delete=models.PROTECT,
        related_name="budgets",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    standard = money_field(_("yuan per person per year"))
    standard_source = models.CharField(_("standard set for"), max_length=64, blank=True)
    average_persons = models.DecimalField(
        _("average persons under supervision"), max_digits=10, decimal_places=2
    )
    month_counts = models.JSONField(_("month-end counts"), default=list)
    computed_amount = money_field(_("computed budget"))
    override_amount = money_field(_("budget set by hand"), null=True, blank=True)
    override_reason = models.TextField(_("reason for setting by hand"), blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("agency budget")
        verbose_name_plural = _("agency budgets")
        ordering = ["-year", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="budget_once_a_year"),
            models.CheckConstraint(
                condition=Q(override_amount__isnull=True) | ~Q(override_reason=""),
                name="budget_override_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(computed_amount__gte=0)
                & (Q(override_amount__isnull=True) | Q(override_amount__gte=0)),
                name="budget_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"

    @property
    def amount(self) -> Decimal:
        """The budget in force: the override when there is one, else the computed amount."""
        return self.override_amount if self.override_amount is not None else self.computed_amount
