"""Writes of the ledger: deliveries, their confirmation, invoices from generation to payment.

Every path that bills or unbills locks the contract row first (then its lines), so that
concurrent generations and reviews of one contract run one after the other on PostgreSQL; the
database constraints (a delivery on at most one counting invoice line, billed totals within the
ceiling and the line maxima) hold even if a path forgot to.
"""

import calendar
from collections import defaultdict
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet, Sum, Value
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from matching.models import SEAT_HOLDING_STATES, Referral, ReferralState
from portal.audit.services import audit_record
from portal.files import validate_document
from procurement.funding import covered_offer_keys
from procurement.models import (
    INVOICE_TRANSITIONS,
    ZERO,
    Contract,
    ContractLine,
    Delivery,
    DeliveryState,
    Invoice,
    InvoiceEvent,
    InvoiceLine,
    InvoiceState,
    LineAmount,
    LineStatus,
    ReferralRating,
    Side,
    Unit,
)
from procurement.permissions import is_member, manages_agency, may_review_delivery, require

DELIVERY_FIELDS = ("delivered_on", "starts_at", "ends_at", "staff_name", "place", "notes")
HOUR = Decimal(3600)
RATED_STATES = frozenset({ReferralState.COMPLETED, ReferralState.CLOSED})


def _audit(actor: Any, action: str, obj: Any, request: HttpRequest | None, **detail: Any) -> None:
    audit_record(
        actor=actor, action=f"procurement.{action}", obj=obj, request=request, detail=detail
    )


def delivery_quantity(unit: str, starts_at: time, ends_at: time) -> Decimal:
    """How many units a delivery counts: its hours for hourly items, else one."""
    if unit != Unit.HOUR:
        return Decimal("1.00")
    seconds = (
        datetime.combine(date.min, ends_at) - datetime.combine(date.min, starts_at)
    ).total_seconds()
    return (Decimal(seconds) / HOUR).quantize(Decimal("0.01"))


def _check_delivery(delivery: Delivery, line: ContractLine, referral: Referral) -> None:
    contract = line.contract
    if not contract.is_billable:
        raise ValidationError(_("Deliveries are recorded only under an active contract."))
    if not contract.start_date <= delivery.delivered_on <= contract.end_date:
        raise ValidationError(
            {
                "delivered_on": _(
                    "The date lies outside the contract period (%(start)s to %(end)s)."
                )
                % {"start": contract.start_date, "end": contract.end_date}
            }
        )
    if line.effective_from and delivery.delivered_on < line.effective_from:
        raise ValidationError(
            {
                "delivered_on": _("This service item is in force only from %(date)s.")
                % {"date": line.effective_from}
            }
        )
    if delivery.delivered_on > timezone.localdate():
        raise ValidationError({"delivered_on": _("A delivery cannot be recorded ahead of time.")})
    if delivery.ends_at <= delivery.starts_at:
        raise ValidationError({"ends_at": _("The end must come after the start.")})
    if referral.state not in SEAT_HOLDING_STATES:
        raise ValidationError(_("Only an accepted or ongoing referral can have deliveries."))
    if referral.organization_id != contract.organization_id:
        raise ValidationError(_("This referral was not made to the contract's provider."))
    if referral.offer_key not in covered_offer_keys(line):
        raise ValidationError({"line": _("This service item does not cover the referral's offer.")})
    _check_overlap(delivery, referral)


def _check_overlap(delivery: Delivery, referral: Referral) -> None:
    overlapping = Delivery.objects.filter(
        referral=referral,
        delivered_on=delivery.delivered_on,
        starts_at__lt=delivery.ends_at,
        ends_at__gt=delivery.starts_at,
    ).exclude(pk=delivery.pk)
    if overlapping.exists():
        raise ValidationError(_("Another delivery of this referral overlaps this time."))


def _reserve_quantity(line: ContractLine, quantity: Decimal) -> None:
    if line.delivered_quantity + quantity > line.max_quantity:
        left = line.max_quantity - line.delivered_quantity
        raise ValidationError(
            _("This would go beyond the item's maximum quantity: %(left)s left.")
            % {"left": number_format(left, 2)}
        )
    ContractLine.objects.filter(pk=line.pk).update(
        delivered_quantity=F("delivered_quantity") + quantity
    )
    line.delivered_quantity += quantity


def _locked(line: ContractLine, referral: Referral) -> tuple[ContractLine, Referral]:
    line = ContractLine.objects.select_for_update().select_related("contract").get(pk=line.pk)
    return line, Referral.objects.select_for_update().get(pk=referral.pk)


def delivery_record(
    *,
    actor: Any,
    line: ContractLine,
    referral: Referral,
    evidence: UploadedFile | None = None,
    request: HttpRequest | None = None,
    **fields: Any,
) -> Delivery:
    """Record a delivered service against an accepted referral and a contract line."""
    require(is_member(actor, line.contract.organization_id))
    evidence_type = validate_document(evidence) if evidence else ""
    with transaction.atomic():
        line, referral = _locked(line, referral)
        delivery = Delivery(contract=line.contract, line=line, referral=referral, recorded_by=actor)
        for name in DELIVERY_FIELDS:
            setattr(delivery, name, fields.get(name, ""))
        _check_delivery(delivery, line, referral)
        delivery.quantity = delivery_quantity(line.unit, delivery.starts_at, delivery.ends_at)
        delivery.full_clean(exclude=["evidence"])
        _reserve_quantity(line, delivery.quantity)
        if evidence:
            delivery.evidence.save(evidence.name or "evidence", evidence, save=False)
            delivery.evidence_name, delivery.evidence_type = (
                (evidence.name or "")[:255],
                evidence_type,
            )
        delivery.save()
        _audit(actor, "delivery_record", delivery, request, quantity=str(delivery.quantity))
    return delivery


def delivery_correct(
    *, actor: Any, delivery: Delivery, request: HttpRequest | None = None, **fields: Any
) -> Delivery:
    """The provider corrects a disputed (or unconfirmed) delivery; it awaits confirmation again."""
    require(is_member(actor, delivery.contract.organization_id))
    with transaction.atomic():
        line, referral = _locked(delivery.line, delivery.referral)
        delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
        if delivery.is_confirmed:
            raise ValidationError(_("A confirmed delivery is not changed."))
        for name in DELIVERY_FIELDS:
            if name in fields:
                setattr(delivery, name, fields[name])
        _check_delivery(delivery, line, referral)
        quantity = delivery_quantity(line.unit, delivery.starts_at, delivery.ends_at)
        _reserve_quantity(line, quantity - delivery.quantity)
        delivery.quantity = quantity
        delivery.state = DeliveryState.RECORDED
        delivery.full_clean(exclude=["evidence"])
        delivery.save()
        _audit(actor, "delivery_correct", delivery, request, fields=sorted(fields))
    return delivery


def delivery_withdraw(
    *, actor: Any, delivery: Delivery, request: HttpRequest | None = None
) -> None:
    """The provider withdraws a delivery that is not confirmed; its quantity is freed."""
    require(is_member(actor, delivery.contract.organization_id))
    with transaction.atomic():
        line, _referral = _locked(delivery.line, delivery.referral)
        delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
        if delivery.is_confirmed:
            raise ValidationError(_("A confirmed delivery is not withdrawn."))
        _audit(actor, "delivery_withdraw", delivery, request, quantity=str(delivery.quantity))
        ContractLine.objects.filter(pk=line.pk).update(
            delivered_quantity=F("delivered_quantity") - delivery.quantity
        )
        delivery.delete()


def delivery_review(
    *,
    actor: Any,
    delivery: Delivery,
    confirm: bool,
    reason: str = "",
    request: HttpRequest | None = None,
) -> Delivery:
    """The person's caseworker confirms a delivery, or disputes it with a reason (it goes back)."""
    require(may_review_delivery(actor, delivery.referral))
    reason = reason.strip()
    if not confirm and not reason:
        raise ValidationError({"reason": _("Say why the delivery is disputed.")})
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
        if delivery.state != DeliveryState.RECORDED:
            raise ValidationError(
                _("Only a delivery awaiting confirmation is confirmed or disputed.")
            )
        delivery.state = DeliveryState.CONFIRMED if confirm else DeliveryState.DISPUTED
        delivery.dispute_reason = "" if confirm else reason
        delivery.times_disputed += 0 if confirm else 1
        delivery.reviewed_by, delivery.reviewed_at = actor, timezone.now()
        delivery.save()
        action = "delivery_confirm" if confirm else "delivery_dispute"
        _audit(actor, action, delivery, request, reason=reason)
    return delivery


def month_bounds(period: date) -> tuple[date, date]:
    """The first and last day of the month of a date."""
    first = period.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def _lock_contract(contract: Contract) -> Contract:
    return Contract.objects.select_for_update().get(pk=contract.pk)


def _billable(contract: Contract, period: date) -> QuerySet[Delivery]:
    first, last = month_bounds(period)
    return Delivery.objects.unbilled().filter(
        contract=contract, state=DeliveryState.CONFIRMED, delivered_on__range=(first, last)
    )


LINE_COLUMNS = {
    "invoice": "b_invoice",
    "delivery": "b_delivery",
    "contract_line": "b_line",
    "quantity": "b_quantity",
    "unit_price": "b_price",
    "amount": "b_amount",
    "status": "b_status",
    "rejection_reason": "b_reason",
}
"""Invoice line field -> the name of its value in the SELECT of `_insert_lines`, in order."""


def _insert_lines(invoice: Invoice, deliveries: QuerySet[Delivery]) -> int:
    """Write one invoice line per delivery in one INSERT … SELECT; return how many."""
    select = (
        deliveries.annotate(
            b_invoice=Value(invoice.pk),
            b_delivery=F("pk"),
            b_line=F("line_id"),
            b_quantity=F("quantity"),
            b_price=F("line__unit_price"),
            b_amount=LineAmount(F("quantity"), F("line__unit_price")),
            b_status=Value(LineStatus.PENDING.value),
            b_reason=Value(""),
        )
        .order_by("delivered_on", "starts_at", "pk")
        .values_list(*LINE_COLUMNS.values())
    )
    sql, params = select.query.sql_with_params()
    quote = connection.ops.quote_name
    meta = InvoiceLine._meta
    column_of = {field.name: str(field.column) for field in meta.concrete_fields}
    columns = ", ".join(quote(column_of[name]) for name in LINE_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {quote(meta.db_table)} ({columns}) {sql}", params)
        return cursor.rowcount


def _billed_per_line(invoice: Invoice) -> tuple[dict[int, Decimal], Decimal]:
    """The quantity an invoice's lines bill per contract line, and their amount."""
    rows = (
        invoice.lines.order_by()
        .values("contract_line_id")
        .annotate(quantity=Sum("quantity"), amount=Sum("amount"))
    )
    per_line = {row["contract_line_id"]: row["quantity"] for row in rows}
    return per_line, sum((row["amount"] for row in rows), ZERO)


def _check_limits(contract: Contract, per_line: dict[int, Decimal], total: Decimal) -> None:
    lines = ContractLine.objects.select_for_update().filter(pk__in=per_line).order_by("pk")
    for line in lines:
        if line.billed_quantity + per_line[line.pk] > line.max_quantity:
            raise ValidationError(
                _("Billing “%(item)s” would go beyond its maximum quantity.") % {"item": line}
            )
    if contract.billed_total + total > contract.ceiling:
        raise ValidationError(
            _("This invoice (¥%(total)s) would exceed the contract ceiling: ¥%(left)s left.")
            % {"total": number_format(total, 2), "left": number_format(contract.remaining, 2)}
        )


def _next_number(contract: Contract, period: date) -> str:
    count = Invoice.objects.filter(contract=contract, period=period).count()
    return f"{contract.number}-{period:%Y%m}-{count + 1:02d}"


def invoice_generate(
    *, actor: Any, contract: Contract, period: date, request: HttpRequest | None = None
) -> Invoice:
    """Bill a contract's confirmed, unbilled deliveries of one month in a new draft invoice.

    Set-based: the lines are written by one INSERT … SELECT (a delivery is billed by being on
    a counting line, so no delivery row is rewritten), then checked against the line maxima
    and the ceiling (a refusal rolls everything back); the number of statements does not
    depend on the deliveries."""
    require(is_member(actor, contract.organization_id) or manages_agency(actor, contract.agency_id))
    period = month_bounds(period)[0]
    with transaction.atomic():
        contract = _lock_contract(contract)
        if not contract.is_billable:
            raise ValidationError(_("Invoices are generated only under an active contract."))
        invoice = Invoice.objects.create(
            number=_next_number(contract, period),
            contract=contract,
            period=period,
            created_by=actor,
        )
        count = _insert_lines(invoice, _billable(contract, period))
        if not count:
            raise ValidationError(_("No confirmed, unbilled delivery in this month."))
        per_line, total = _billed_per_line(invoice)
        _check_limits(contract, per_line, total)
        _add_billed(contract, per_line, total)
        invoice.total = total
        invoice.save(update_fields=["total"])
        _audit(actor, "invoice_generate", invoice, request, lines=count, total=str(total))
    return invoice


def _add_billed(contract: Contract, per_line: dict[int, Decimal], total: Decimal) -> None:
    """Add to the billed totals of the contract and its lines (negative to unbill)."""
    for line_id, quantity in per_line.items():
        ContractLine.objects.filter(pk=line_id).update(
            billed_quantity=F("billed_quantity") + quantity
        )
    Contract.objects.filter(pk=contract.pk).update(billed_total=F("billed_total") + total)


def invoice_step(
    *, actor: Any, invoice: Invoice, name: str, note: str = "", request: HttpRequest | None = None
) -> Invoice:
    """Apply one step of the invoice transition table to a locked invoice, record and audit it."""
    transition = INVOICE_TRANSITIONS[name]
    contract = invoice.contract
    if transition.side == Side.PROVIDER:
        require(is_member(actor, contract.organization_id))
    else:
        require(manages_agency(actor, contract.agency_id))
    if invoice.state not in transition.sources:
        raise ValidationError(_("This step is not possible in the invoice's present state."))
    before = invoice.state
    invoice.state = transition.target
    invoice.save()
    InvoiceEvent.objects.create(
        invoice=invoice, from_state=before, to_state=invoice.state, actor=actor, note=note
    )
    _audit(actor, f"invoice_{name}", invoice, request, before=before, total=str(invoice.total))
    return invoice


def _locked_invoice(invoice: Invoice) -> Invoice:
    _lock_contract(invoice.contract)
    return Invoice.objects.select_for_update().select_related("contract").get(pk=invoice.pk)


def invoice_submit(*, actor: Any, invoice: Invoice, request: HttpRequest | None = None) -> Invoice:
    """The provider submits a draft invoice to the agency."""
    with transaction.atomic():
        invoice = _locked_invoice(invoice)
        invoice.submitted_at = timezone.now()
        return invoice_step(actor=actor, invoice=invoice, name="submit", request=request)


def invoice_review(
    *,
    actor: Any,
    invoice: Invoice,
    rejections: dict[int, str],
    request: HttpRequest | None = None,
) -> Invoice:
    """The agency manager approves an invoice's lines except those rejected with a reason; the
    rejected deliveries return to unbilled (a rejected line does not count)."""
    require(manages_agency(actor, invoice.contract.agency_id))
    if any(not reason.strip() for reason in rejections.values()):
        raise ValidationError(_("Give a reason for every rejected line."))
    with transaction.atomic():
        invoice = _locked_invoice(invoice)
        if invoice.state != InvoiceState.SUBMITTED:
            raise ValidationError(_("Only a submitted invoice is reviewed."))
        lines = list(invoice.lines.filter(status=LineStatus.PENDING))
        unknown = set(rejections) - {line.pk for line in lines}
        if unknown:
            raise ValidationError(_("A rejected line does not belong to this invoice."))
        rejected = [line for line in lines if line.pk in rejections]
        _reject_lines(invoice, rejected, rejections)
        invoice.lines.filter(status=LineStatus.PENDING).update(status=LineStatus.APPROVED)
        invoice.total = _counted_total(invoice)
        invoice.reviewed_by, invoice.reviewed_at = actor, timezone.now()
        name = "approve" if len(rejected) < len(lines) else "reject"
        note = "; ".join(rejections.values())
        return invoice_step(actor=actor, invoice=invoice, name=name, note=note, request=request)


def _reject_lines(invoice: Invoice, rejected: list[InvoiceLine], reasons: dict[int, str]) -> None:
    if not rejected:
        return
    per_line: dict[int, Decimal] = defaultdict(Decimal)
    total = ZERO
    for line in rejected:
        line.status, line.rejection_reason = LineStatus.REJECTED, reasons[line.pk].strip()
        per_line[line.contract_line_id] -= line.quantity
        total -= line.amount
    InvoiceLine.objects.bulk_update(rejected, ["status", "rejection_reason"])
    _add_billed(invoice.contract, per_line, total)


def _counted_total(invoice: Invoice) -> Decimal:
    counted = invoice.lines.filter(~Q(status=LineStatus.REJECTED)).aggregate(total=Sum("amount"))
    return counted["total"] or ZERO


def invoice_pay(
    *,
    actor: Any,
    invoice: Invoice,
    paid_on: date,
    treasury_reference: str,
    request: HttpRequest | None = None,
) -> Invoice:
    """Record the treasury payment of an approved invoice: its date and reference."""
    treasury_reference = treasury_reference.strip()
    if not treasury_reference:
        raise ValidationError({"treasury_reference": _("Enter the treasury reference.")})
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("The payment date cannot be in the future.")})
    with transaction.atomic():
        invoice = _locked_invoice(invoice)
        invoice.paid_on, invoice.treasury_reference = paid_on, treasury_reference
        return invoice_step(actor=actor, invoice=invoice, name="pay", request=request)


def referral_rate(
    *,
    actor: Any,
    referral: Referral,
    score: int,
    comment: str = "",
    request: HttpRequest | None = None,
) -> ReferralRating:
    """The person's caseworker rates a completed referral from 1 to 5 (rated again: replaced)."""
    require(may_review_delivery(actor, referral))
    if referral.state not in RATED_STATES or (
        referral.state == ReferralState.CLOSED and not referral.outcome
    ):
        raise ValidationError(_("Only a completed referral is rated."))
    with transaction.atomic():
        rating = ReferralRating.objects.filter(referral=referral).first() or ReferralRating(
            referral=referral
        )
        rating.score, rating.comment, rating.rated_by = score, comment.strip(), actor
        rating.full_clean()
        rating.save()
        _audit(actor, "referral_rate", referral, request, score=score)
    return rating
