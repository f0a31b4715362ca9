"""The ledger: deliveries against referrals and contract lines, invoices and their lines."""

from dataclasses import dataclass

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import DecimalField, Exists, F, Func, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from matching.models import Referral
from portal.files import PrivateUploadTo, private_storage
from portal.identity import validate_no_identity_number
from procurement.models.budgets import ZERO, money_field
from procurement.models.contracts import Contract, ContractLine

QUANTITY = {"max_digits": 10, "decimal_places": 2}


class DeliveryState(models.TextChoices):
    RECORDED = "recorded", _("Awaiting confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    DISPUTED = "disputed", _("Disputed")


class DeliveryQuerySet(models.QuerySet):
    """Deliveries, with "billed" derived from their invoice lines: a delivery is billed while
    it is on a line that counts (not rejected); it is not stored on the delivery, so billing
    writes only the invoice's lines."""

    def with_billed(self) -> "DeliveryQuerySet":
        """Annotate each delivery with `is_billed`."""
        return self.annotate(is_billed=Exists(_counting_lines()))

    def unbilled(self) -> "DeliveryQuerySet":
        """Only the deliveries on no counting invoice line."""
        return self.filter(~Exists(_counting_lines()))


def _counting_lines() -> models.QuerySet:
    """The counting invoice lines of the delivery of the outer query (the condition of the
    partial unique index `delivery_billed_at_most_once`, so that index answers it)."""
    return InvoiceLine.objects.filter(delivery=OuterRef("pk")).exclude(status=LineStatus.REJECTED)


class Delivery(models.Model):
    """One delivered service, recorded by the provider and confirmed by the person's caseworker."""

    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.PROTECT, related_name="deliveries"
    )
    line = models.ForeignKey(
        ContractLine,
        verbose_name=_("service item"),
        on_delete=models.PROTECT,
        related_name="deliveries",
    )
    referral = models.ForeignKey(
        Referral, verbose_name=_("referral"), on_delete=models.PROTECT, related_name="deliveries"
    )
    delivered_on = models.DateField(_("date"))
    starts_at = models.TimeField(_("start"))
    ends_at = models.TimeField(_("end"))
    staff_name = models.CharField(_("delivered by"), max_length=64)
    place = models.CharField(_("place"), max_length=200)
    notes = models.TextField(_("notes"), blank=True, validators=[validate_no_identity_number])
    quantity = models.DecimalField(_("quantity"), **QUANTITY)
    evidence = models.FileField(
        _("evidence"),
        storage=private_storage,
        upload_to=PrivateUploadTo("deliveries"),
        blank=True,
    )
    evidence_name = models.CharField(_("file name"), max_length=255, blank=True)
    evidence_type = models.CharField(_("file type"), max_length=64, blank=True)
    state = models.CharField(
        _("state"), max_length=16, choices=DeliveryState.choices, default=DeliveryState.RECORDED
    )
    dispute_reason = models.TextField(_("reason for disputing"), blank=True)
    times_disputed = models.PositiveSmallIntegerField(_("times disputed"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed or disputed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("confirmed or disputed at"), null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-delivered_on", "-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="delivery_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="delivery_quantity_positive"),
            models.CheckConstraint(
                condition=~Q(state=DeliveryState.DISPUTED) | ~Q(dispute_reason=""),
                name="delivery_dispute_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["contract", "state", "delivered_on"]),
            models.Index(fields=["referral", "delivered_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.referral.person_code} {self.delivered_on} {self.starts_at:%H:%M}"

    @property
    def is_confirmed(self) -> bool:
        return self.state == DeliveryState.CONFIRMED


class InvoiceState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    PAID = "paid", _("Paid")


class Side(models.TextChoices):
    PROVIDER = "provider", _("Provider")
    AGENCY = "agency", _("Agency")


@dataclass(frozen=True)
class InvoiceTransition:
    """One allowed move of an invoice: from which states, to which, by which side."""

    sources: frozenset[str]
    target: str
    side: str
    label: str


I = InvoiceState  # noqa: E741
INVOICE_TRANSITIONS: dict[str, InvoiceTransition] = {
    "submit": InvoiceTransition(frozenset({I.DRAFT}), I.SUBMITTED, Side.PROVIDER, _("Submit")),
    "approve": InvoiceTransition(frozenset({I.SUBMITTED}), I.APPROVED, Side.AGENCY, _("Approve")),
    "reject": InvoiceTransition(frozenset({I.SUBMITTED}), I.REJECTED, Side.AGENCY, _("Reject")),
    "pay": InvoiceTransition(frozenset({I.APPROVED}), I.PAID, Side.AGENCY, _("Record payment")),
}
"""The one table of invoice transitions; `services.ledger.invoice_step` applies it."""


class Invoice(models.Model):
    """A provider's bill for one contract and one month, computed from confirmed deliveries."""

    number = models.CharField(_("invoice number"), max_length=80, unique=True)
    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.PROTECT, related_name="invoices"
    )
    period = models.DateField(_("month"), help_text=_("The first day of the month billed."))
    state = models.CharField(
        _("state"), max_length=16, choices=InvoiceState.choices, default=InvoiceState.DRAFT
    )
    total = money_field(_("total (yuan)"), default=ZERO, editable=False)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    treasury_reference = models.CharField(_("treasury reference"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("generated by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("generated at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-period", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(total__gte=0), name="invoice_total_not_negative"),
            models.CheckConstraint(
                condition=~Q(state=InvoiceState.PAID)
                | (Q(paid_on__isnull=False) & ~Q(treasury_reference="")),
                name="invoice_paid_has_date_and_reference",
            ),
        ]
        indexes = [models.Index(fields=["contract", "state", "period"])]

    def __str__(self) -> str:
        return self.number

    @property
    def is_draft(self) -> bool:
        return self.state == InvoiceState.DRAFT


class InvoiceEvent(models.Model):
    """One applied step of an invoice: who moved it from which state to which, and why."""

    invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice"), on_delete=models.CASCADE, related_name="events"
    )
    from_state = models.CharField(_("from"), max_length=16, choices=InvoiceState.choices)
    to_state = models.CharField(_("to"), max_length=16, choices=InvoiceState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("invoice event")
        verbose_name_plural = _("invoice events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"


class LineStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class InvoiceLine(models.Model):
    """One delivery on an invoice: quantity × unit price, computed when the invoice is made."""

    invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice"), on_delete=models.CASCADE, related_name="lines"
    )
    delivery = models.ForeignKey(
        Delivery, verbose_name=_("delivery"), on_delete=models.PROTECT, related_name="invoice_lines"
    )
    contract_line = models.ForeignKey(
        ContractLine, verbose_name=_("service item"), on_delete=models.PROTECT, related_name="+"
    )
    quantity = models.DecimalField(_("quantity"), **QUANTITY)
    unit_price = models.DecimalField(_("unit price (yuan)"), max_digits=10, decimal_places=2)
    amount = money_field(_("amount (yuan)"))
    status = models.CharField(
        _("status"), max_length=16, choices=LineStatus.choices, default=LineStatus.PENDING
    )
    rejection_reason = models.TextField(_("reason for rejecting"), blank=True)

    class Meta:
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        ordering = ["invoice", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["delivery"],
                condition=~Q(status=LineStatus.REJECTED),
                name="delivery_billed_at_most_once",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0) & Q(quantity__gt=0), name="invoice_line_amount_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=LineStatus.REJECTED) | ~Q(rejection_reason=""),
                name="invoice_line_rejection_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invoice.number} #{self.pk}"

    @property
    def counts(self) -> bool:
        return self.status != LineStatus.REJECTED

    @property
    def is_pending(self) -> bool:
        return self.status == LineStatus.PENDING


class LineAmount(Func):
    """What a quantity costs at a unit price, in yuan to the fen (rounded half up), computed
    by the database for set-based billing: exact numeric on PostgreSQL; on SQLite (floating
    point) counted in whole fen, so both give the same amount."""

    template = "ROUND(%(expressions)s, 2)"
    arg_joiner = " * "
    output_field = DecimalField(max_digits=14, decimal_places=2)

    def as_sqlite(self, compiler, connection, **extra_context):
        quantity, quantity_params = compiler.compile(self.source_expressions[0])
        price, price_params = compiler.compile(self.source_expressions[1])
        fen = "CAST(ROUND(({}) * 100) AS INTEGER)"
        sql = f"(({fen.format(quantity)} * {fen.format(price)} + 50) / 100) / 100.0"
        return sql, (*quantity_params, *price_params)


class ReferralRating(models.Model):
    """The caseworker's rating (1 to 5) of a completed referral, for the contract's evaluation."""

    referral = models.OneToOneField(
        Referral, verbose_name=_("referral"), on_delete=models.CASCADE, related_name="rating"
    )
    score = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True, validators=[validate_no_identity_number])
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rated by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rated_at = models.DateTimeField(_("rated at"), auto_now=True)

    class Meta:
        verbose_name = _("referral rating")
        verbose_name_plural = _("referral ratings")
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5), name="referral_rating_one_to_five"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.referral.person_code}: {self.score}"
