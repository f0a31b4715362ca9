"""Purchase-of-service contracts between an agency and a provider, their lines and amendments."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from matching.models import Category
from portal.files import PrivateUploadTo, private_storage
from portal.organizations.models import CorrectionsAgency, Organization
from procurement.models.budgets import ZERO, money_field


class ContractState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class FundingSource(models.TextChoices):
    GENERAL_BUDGET = "general_budget", _("General public budget")
    SPECIAL_FUND = "special_fund", _("Special fund")
    LOTTERY_FUND = "lottery_fund", _("Welfare lottery fund")
    OTHER = "other", _("Other")


class Unit(models.TextChoices):
    SESSION = "session", _("Session")
    HOUR = "hour", _("Hour")
    PERSON_MONTH = "person_month", _("Person-month")
    PERSON_COURSE = "person_course", _("Person-course")


@dataclass(frozen=True)
class ContractTransition:
    """One allowed move of a contract: from which states, to which, and its wording."""

    sources: frozenset[str]
    target: str
    label: str


C = ContractState
CONTRACT_TRANSITIONS: dict[str, ContractTransition] = {
    "sign": ContractTransition(frozenset({C.DRAFT}), C.SIGNED, _("Record signature")),
    "activate": ContractTransition(frozenset({C.SIGNED}), C.ACTIVE, _("Activate")),
    "close": ContractTransition(frozenset({C.SIGNED, C.ACTIVE}), C.CLOSED, _("Close")),
}
"""The one table of contract transitions; `services.contract_transition` applies it."""

EDITABLE_STATES = frozenset({C.DRAFT})
COMMITTED_STATES = frozenset({C.SIGNED, C.ACTIVE, C.CLOSED})
BILLABLE_STATES = frozenset({C.ACTIVE})
AMENDABLE_STATES = frozenset({C.SIGNED, C.ACTIVE})


class Contract(models.Model):
    """An agency buys services from a verified provider organization for one budget year."""

    number = models.CharField(_("contract number"), max_length=64, unique=True)
    title = models.CharField(_("title"), max_length=200)
    agency = models.ForeignKey(
        CorrectionsAgency,
        verbose_name=_("corrections agency"),
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("provider organization"),
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    budget_year = models.PositiveSmallIntegerField(_("budget year"))
    funding_source = models.CharField(
        _("funding source"), max_length=32, choices=FundingSource.choices
    )
    ceiling = money_field(_("ceiling (yuan)"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    state = models.CharField(
        _("state"), max_length=16, choices=ContractState.choices, default=ContractState.DRAFT
    )
    billed_total = money_field(_("billed (yuan)"), default=ZERO, editable=False)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    attachment = models.FileField(
        _("signed contract"),
        storage=private_storage,
        upload_to=PrivateUploadTo("contracts"),
        blank=True,
    )
    attachment_name = models.CharField(_("file name"), max_length=255, blank=True)
    attachment_type = models.CharField(_("file type"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["-budget_year", "number"]
        constraints = [
            models.CheckConstraint(condition=Q(ceiling__gt=0), name="contract_ceiling_positive"),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="contract_dates_in_order"
            ),
            models.CheckConstraint(
                condition=Q(billed_total__gte=0) & Q(billed_total__lte=F("ceiling")),
                name="contract_ceiling_never_exceeded",
            ),
        ]
        indexes = [models.Index(fields=["agency", "budget_year", "state"])]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date must not be before the start.")})
        if self.ceiling == 0:  # below zero the field says so itself
            raise ValidationError({"ceiling": _("The ceiling must be more than zero.")})
        if self.billed_total and self.ceiling is not None and self.ceiling < self.billed_total:
            raise ValidationError(
                {"ceiling": _("The ceiling must not be below what was already billed.")}
            )

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    @property
    def is_amendable(self) -> bool:
        return self.state in AMENDABLE_STATES

    @property
    def is_billable(self) -> bool:
        """Deliveries are recorded and invoices generated only now (the contract is active)."""
        return self.state in BILLABLE_STATES

    @property
    def is_closed(self) -> bool:
        return self.state == ContractState.CLOSED

    @property
    def remaining(self) -> Decimal:
        return self.ceiling - self.billed_total


class ContractLine(models.Model):
    """One service item of a contract: one offer or a category of the provider's offers."""

    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="lines"
    )
    offer_key = models.CharField(_("offer"), max_length=64, blank=True)
    offer_title = models.CharField(_("offer title"), max_length=255, blank=True)
    category = models.ForeignKey(
        Category,
        verbose_name=_("service category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.CharField(_("service item"), max_length=200)
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices)
    unit_price = models.DecimalField(
        _("unit price (yuan)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    max_quantity = models.DecimalField(
        _("maximum quantity"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    effective_from = models.DateField(
        _("in force from"),
        null=True,
        blank=True,
        help_text=_("Set for an item added by amendment: its effective date."),
    )
    delivered_quantity = models.DecimalField(
        _("quantity recorded"), max_digits=10, decimal_places=2, default=ZERO, editable=False
    )
    billed_quantity = models.DecimalField(
        _("quantity billed"), max_digits=10, decimal_places=2, default=ZERO, editable=False
    )

    class Meta:
        verbose_name = _("contract line")
        verbose_name_plural = _("contract lines")
        ordering = ["contract", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(~Q(offer_key="") & Q(category__isnull=True))
                | (Q(offer_key="") & Q(category__isnull=False)),
                name="contract_line_offer_or_category",
            ),
            models.CheckConstraint(
                condition=Q(unit_price__gt=0) & Q(max_quantity__gt=0),
                name="contract_line_price_and_quantity_positive",
            ),
            models.CheckConstraint(
                condition=Q(delivered_quantity__gte=0)
                & Q(delivered_quantity__lte=F("max_quantity"))
                & Q(billed_quantity__gte=0)
                & Q(billed_quantity__lte=F("max_quantity")),
                name="contract_line_maximum_never_exceeded",
            ),
        ]

    def __str__(self) -> str:
        return self.description

    def clean(self) -> None:
        if bool(self.offer_key) == bool(self.category_id):
            raise ValidationError(_("Choose either one offer or one service category."))
        if (
            self.delivered_quantity
            and self.max_quantity is not None
            and (self.max_quantity < self.delivered_quantity)
        ):
            raise ValidationError(
                {"max_quantity": _("The maximum must not be below the quantity already recorded.")}
            )

    @property
    def covers(self) -> str:
        return self.offer_title or (self.category.display_name if self.category else "")

    @property
    def planned_amount(self) -> Decimal:
        return self.unit_price * self.max_quantity


class ContractEvent(models.Model):
    """A recorded step in a contract's life: a transition or an amendment."""

    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="events"
    )
    name = models.CharField(_("step"), max_length=32)
    from_state = models.CharField(_("from"), max_length=16, choices=ContractState.choices)
    to_state = models.CharField(_("to"), max_length=16, choices=ContractState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("contract event")
        verbose_name_plural = _("contract events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.contract.number} {self.name}"


class ContractAmendment(models.Model):
    """A change to a signed contract, with its reason, its effective date and what changed."""

    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="amendments"
    )
    reason = models.TextField(_("reason"))
    effective_date = models.DateField(_("effective date"))
    changes = models.JSONField(_("changes"), default=dict)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("contract amendment")
        verbose_name_plural = _("contract amendments")
        ordering = ["effective_date", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="amendment_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.contract.number} {self.effective_date}"

    def change_rows(self) -> list[tuple[str, str, str]]:
        """What changed, in the reader's language: (what, before, after)."""
        rows = []
        for key, (before, after) in self.changes.items():
            words = key.split()  # "ceiling", "line 7 unit_price", "line 8 added"
            label = str(CHANGE_LABELS.get(words[-1], words[-1]))
            what = f"{_('service item')} {words[1]}: {label}" if words[0] == "line" else label
            rows.append((what, before, after))
        return rows


CHANGE_LABELS = {
    "ceiling": _("ceiling (yuan)"),
    "end_date": _("end date"),
    "unit_price": _("unit price (yuan)"),
    "max_quantity": _("maximum quantity"),
    "added": _("added"),
}
"""How the keys of `ContractAmendment.changes` read on screens."""
