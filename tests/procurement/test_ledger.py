"""Deliveries and invoices: the rules of recording, confirming, billing, reviewing and paying."""

from datetime import date, time
from decimal import ROUND_HALF_UP, Decimal

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from matching.models import ReferralState
from portal.audit.models import AuditEntry
from procurement.models import (
    Contract,
    ContractLine,
    ContractState,
    Delivery,
    DeliveryState,
    InvoiceLine,
    InvoiceState,
    LineStatus,
    Unit,
)
from procurement.services.ledger import (
    delivery_correct,
    delivery_record,
    delivery_review,
    delivery_withdraw,
    invoice_generate,
    invoice_pay,
    invoice_review,
    invoice_submit,
)
from tests.factories.procurement import ContractLineFactory, DeliveryFactory, referral_for
from tests.procurement.conftest import delivery_fields

MARCH = date(2026, 3, 1)


def record(world, **overrides):
    fields = delivery_fields(**overrides)
    return delivery_record(actor=world.staff, line=world.line, referral=world.referral, **fields)


def confirmed(world, **overrides):
    delivery = record(world, **overrides)
    return delivery_review(actor=world.caseworker, delivery=delivery, confirm=True)


def test_provider_records_a_delivery_awaiting_confirmation_and_it_is_audited(world):
    delivery = record(world)
    assert delivery.state == DeliveryState.RECORDED
    assert delivery.quantity == Decimal("1.00")
    world.line.refresh_from_db()
    assert world.line.delivered_quantity == Decimal("1.00")
    assert AuditEntry.objects.filter(action="procurement.delivery_record").count() == 1


def test_hourly_item_counts_the_hours_between_start_and_end(world):
    ContractLine.objects.filter(pk=world.line.pk).update(unit=Unit.HOUR)
    world.line.refresh_from_db()
    assert record(world, hours=2).quantity == Decimal("2.00")


def test_overlapping_delivery_of_the_same_referral_is_refused_and_nothing_changes(world):
    record(world, start=9, hours=2)
    with pytest.raises(ValidationError, match="overlaps"):
        record(world, start=10, hours=1)
    assert Delivery.objects.count() == 1
    world.line.refresh_from_db()
    assert world.line.delivered_quantity == Decimal("1.00")


def test_back_to_back_deliveries_do_not_overlap(world):
    record(world, start=9)
    record(world, start=10)
    assert Delivery.objects.count() == 2


def test_delivery_outside_the_contract_period_is_refused(world):
    Contract.objects.filter(pk=world.contract.pk).update(end_date=date(2026, 2, 28))
    world.line.refresh_from_db()
    with pytest.raises(ValidationError, match="outside the contract period"):
        record(world)
    assert not Delivery.objects.exists()


@pytest.mark.parametrize("state", [ReferralState.SENT, ReferralState.NO_SHOW, ReferralState.DRAFT])
def test_delivery_for_a_referral_not_accepted_or_in_progress_is_refused(world, state):
    type(world.referral).objects.filter(pk=world.referral.pk).update(state=state)
    with pytest.raises(ValidationError, match="accepted or ongoing"):
        record(world)
    assert not Delivery.objects.exists()


def test_delivery_beyond_the_line_maximum_is_refused(world):
    ContractLine.objects.filter(pk=world.line.pk).update(max_quantity=Decimal("2.00"))
    record(world, start=8)
    record(world, start=9)
    with pytest.raises(ValidationError, match="maximum quantity"):
        record(world, start=10)
    assert Delivery.objects.count() == 2


def test_end_before_start_is_refused_with_a_message(world):
    fields = delivery_fields(start=10)
    fields["ends_at"] = fields["starts_at"].replace(hour=9)
    with pytest.raises(ValidationError, match="end must come after the start"):
        delivery_record(actor=world.staff, line=world.line, referral=world.referral, **fields)


def test_delivery_under_a_contract_that_is_not_active_is_refused(world):
    Contract.objects.filter(pk=world.contract.pk).update(state=ContractState.CLOSED)
    world.line.refresh_from_db()
    with pytest.raises(ValidationError):
        record(world)


def test_line_that_does_not_cover_the_referrals_offer_is_refused(world):
    world.referral.offer_key = "service:1"
    world.referral.save()
    with pytest.raises(ValidationError, match="does not cover"):
        record(world)


def test_staff_of_another_organization_cannot_record(world):
    with pytest.raises(PermissionDenied):
        delivery_record(
            actor=world.other_staff, line=world.line, referral=world.referral, **delivery_fields()
        )


@pytest.mark.parametrize("who", ["caseworker_b", "manager", "oversight", "staff"])
def test_only_the_persons_caseworker_confirms(world, who):
    delivery = record(world)
    with pytest.raises(PermissionDenied):
        delivery_review(actor=getattr(world, who), delivery=delivery, confirm=True)
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.RECORDED


def test_dispute_needs_a_reason_and_goes_back_to_the_provider(world):
    delivery = record(world)
    with pytest.raises(ValidationError, match="disputed"):
        delivery_review(actor=world.caseworker, delivery=delivery, confirm=False, reason=" ")
    disputed = delivery_review(
        actor=world.caseworker, delivery=delivery, confirm=False, reason="当天未到场"
    )
    assert disputed.state == DeliveryState.DISPUTED
    corrected = delivery_correct(actor=world.staff, delivery=disputed, **delivery_fields(day=3))
    assert corrected.state == DeliveryState.RECORDED
    assert corrected.times_disputed == 1
    assert corrected.delivered_on == date(2026, 3, 3)


def test_withdrawn_delivery_frees_its_quantity(world):
    delivery = record(world)
    delivery_withdraw(actor=world.staff, delivery=delivery)
    world.line.refresh_from_db()
    assert world.line.delivered_quantity == 0
    assert not Delivery.objects.exists()


def test_confirmed_delivery_cannot_be_corrected_or_withdrawn(world):
    delivery = confirmed(world)
    with pytest.raises(ValidationError):
        delivery_correct(actor=world.staff, delivery=delivery, **delivery_fields(day=4))
    with pytest.raises(ValidationError):
        delivery_withdraw(actor=world.staff, delivery=delivery)


def test_invoice_bills_the_months_confirmed_deliveries_once(world):
    confirmed(world, day=2)
    confirmed(world, day=3)
    record(world, day=4)  # awaiting confirmation: not billed
    confirmed(world, day=2, month=4)  # another month
    invoice = invoice_generate(actor=world.staff, contract=world.contract, period=MARCH)
    assert invoice.lines.count() == 2
    assert invoice.total == Decimal("400.00")
    world.contract.refresh_from_db()
    assert world.contract.billed_total == Decimal("400.00")
    with pytest.raises(ValidationError, match="No confirmed, unbilled delivery"):
        invoice_generate(actor=world.staff, contract=world.contract, period=MARCH)


def test_invoice_beyond_the_ceiling_is_refused_and_nothing_changes(world):
    Contract.objects.filter(pk=world.contract.pk).update(ceiling=Decimal("300.00"))
    confirmed(world, day=2)
    confirmed(world, day=3)
    with pytest.raises(ValidationError, match="exceed the contract ceiling"):
        invoice_generate(actor=world.staff, contract=world.contract, period=MARCH)
    assert not InvoiceLine.objects.exists()
    assert not Delivery.objects.with_billed().filter(is_billed=True).exists()
    world.contract.refresh_from_db()
    assert world.contract.billed_total == 0


def test_the_database_refuses_a_second_counting_line_for_one_delivery(world):
    delivery = confirmed(world)
    invoice = invoice_generate(actor=world.staff, contract=world.contract, period=MARCH)
    line = invoice.lines.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        InvoiceLine.objects.create(
            invoice=invoice,
            delivery=delivery,
            contract_line=line.contract_line,
            quantity=line.quantity,
            unit_price=line.unit_price,
            amount=line.amount,
        )


def test_the_database_refuses_billing_beyond_the_ceiling(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Contract.objects.filter(pk=world.contract.pk).update(billed_total=Decimal("10000.01"))


def test_review_rejects_lines_with_reason_and_returns_them_to_unbilled(world):
    first, second = confirmed(world, day=2), confirmed(world, day=3)
    invoice = invoice_generate(actor=world.staff, contract=world.contract, period=MARCH)
    invoice_submit(actor=world.staff, invoice=invoice)
    rejected_line = invoice.lines.get(delivery=second)
    invoice = invoice_review(
        actor=world.manager, invoice=invoice, rejections={rejected_line.pk: "签到表缺失"}
    )
    assert invoice.state == InvoiceState.APPROVED
    assert invoice.total == Decimal("200.00")
    billed = Delivery.objects.with_billed().in_bulk([first.pk, second.pk])
    assert (billed[first.pk].is_billed, billed[second.pk].is_billed) == (True, False)
    world.contract.refresh_from_db()
    assert world.contract.billed_total == Decimal("200.00")
    again = invoice_generate(actor=world.staff, contract=world.contract, period=MARCH)
    assert list(again.lines.values_list("delivery", flat=True)) == [second.pk]


def test_rejecting_every_line_rejects_the_invoice(world):
    confirmed(world)
    invoice = invoice_generate(actor=world.manager, contract=world.contract, period=MARCH)
    invoice_submit(actor=world.staff, invoice=invoice)
    line = invoice.lines.get()
    invoice = invoice_review(actor=world.manager, invoice=invoice, rejections={line.pk: "重复"})
    assert invoice.state == InvoiceState.REJECTED
    assert invoice.total == 0


def test_rejection_without_reason_is_refused(world):
    confirmed(world)
    invoice = invoice_generate(actor=world.staff, contract=world.contract, period=MARCH)
    invoice_submit(actor=world.staff, invoice=invoice)
    with pytest.raises(ValidationError, match="reason"):
        invoice_review(
            actor=world.manager, invoice=invoice, rejections={invoice.lines.get().pk: ""}
        )
    assert invoice.lines.get().status == LineStatus.PENDING


def test_payment_records_date_and_treasury_reference(world):
    confirmed(world)
    invoice = invoice_generate(actor=world.staff, contract=world.contract, period=MARCH)
    invoice_submit(actor=world.staff, invoice=invoice)
    invoice_review(actor=world.manager, invoice=invoice, rejections={})
    with pytest.raises(ValidationError, match="treasury reference"):
        invoice_pay(
            actor=world.manager, invoice=invoice, paid_on=date(2026, 4, 10), treasury_reference=" "
        )
    paid = invoice_pay(
        actor=world.manager, invoice=invoice, paid_on=date(2026, 4, 10), treasury_reference="GK-001"
    )
    assert (paid.state, paid.treasury_reference) == (InvoiceState.PAID, "GK-001")
    assert list(paid.events.values_list("to_state", flat=True)) == ["submitted", "approved", "paid"]


@pytest.mark.parametrize("who", ["manager_b", "oversight", "staff", "caseworker"])
def test_only_the_agency_manager_reviews_and_pays(world, who):
    confirmed(world)
    invoice = invoice_generate(actor=world.staff, contract=world.contract, period=MARCH)
    invoice_submit(actor=world.staff, invoice=invoice)
    with pytest.raises(PermissionDenied):
        invoice_review(actor=getattr(world, who), invoice=invoice, rejections={})
    invoice.refresh_from_db()
    assert invoice.state == InvoiceState.SUBMITTED


@pytest.mark.parametrize("who", ["other_staff", "manager", "oversight"])
def test_only_the_providers_staff_submit(world, who):
    confirmed(world)
    invoice = invoice_generate(actor=world.staff, contract=world.contract, period=MARCH)
    with pytest.raises(PermissionDenied):
        invoice_submit(actor=getattr(world, who), invoice=invoice)


@pytest.mark.parametrize("who", ["other_staff", "manager_b", "oversight", "caseworker"])
def test_strangers_cannot_generate_invoices(world, who):
    confirmed(world)
    with pytest.raises(PermissionDenied):
        invoice_generate(actor=getattr(world, who), contract=world.contract, period=MARCH)


def test_paying_before_approval_is_refused(world):
    confirmed(world)
    invoice = invoice_generate(actor=world.staff, contract=world.contract, period=MARCH)
    with pytest.raises(ValidationError, match="present state"):
        invoice_pay(
            actor=world.manager, invoice=invoice, paid_on=date(2026, 4, 1), treasury_reference="X"
        )


def test_generation_respects_the_line_maximum_already_billed(world):
    DeliveryFactory(line=world.line, referral=world.referral, delivered_on=date(2026, 3, 5))
    ContractLine.objects.filter(pk=world.line.pk).update(
        max_quantity=Decimal("1.00"), billed_quantity=Decimal("1.00")
    )
    with pytest.raises(ValidationError, match="maximum quantity"):
        invoice_generate(actor=world.staff, contract=world.contract, period=MARCH)


def test_a_referral_to_another_provider_is_refused(world):
    other = referral_for(world.line, organization=world.other_provider)
    with pytest.raises(ValidationError, match="not made to the contract's provider"):
        delivery_record(actor=world.staff, line=world.line, referral=other, **delivery_fields())


def _generation_queries(world, month: int, deliveries: int) -> int:
    for day in range(1, deliveries + 1):
        DeliveryFactory(
            line=world.line,
            referral=world.referral,
            delivered_on=date(2026, month, 1 + day % 28),
            starts_at=time(8 + day // 28),
            ends_at=time(9 + day // 28),
        )
    with CaptureQueriesContext(connection) as queries:
        invoice = invoice_generate(
            actor=world.staff, contract=world.contract, period=date(2026, month, 1)
        )
    assert invoice.lines.count() == deliveries
    return len(queries)


def test_generation_runs_as_many_statements_for_one_delivery_as_for_sixty(world):
    ContractLine.objects.filter(pk=world.line.pk).update(max_quantity=Decimal("100.00"))
    Contract.objects.filter(pk=world.contract.pk).update(ceiling=Decimal("90000.00"))
    assert _generation_queries(world, 3, 1) == _generation_queries(world, 4, 60)


def test_generation_writes_the_invoice_lines_and_no_delivery_row(world):
    DeliveryFactory(line=world.line, referral=world.referral, delivered_on=date(2026, 3, 2))
    with CaptureQueriesContext(connection) as queries:
        invoice_generate(actor=world.staff, contract=world.contract, period=MARCH)
    written = [q["sql"].split()[:3] for q in queries.captured_queries]
    assert ["INSERT", "INTO", '"procurement_invoiceline"'] in written
    assert not [w for w in written if w[0] == "UPDATE" and w[1] == '"procurement_delivery"']


AWKWARD = [  # (hours, unit price): products that end in a half fen or need exact arithmetic
    ("0.25", "0.50"),
    ("1.17", "33.33"),
    ("0.83", "123.45"),
    ("2.50", "0.01"),
    ("0.35", "0.10"),
    ("7.99", "99999.99"),
]


def test_generated_amounts_are_quantity_times_price_rounded_half_up_to_the_fen(world):
    ContractLine.objects.filter(pk=world.line.pk).update(unit=Unit.HOUR, max_quantity=100)
    Contract.objects.filter(pk=world.contract.pk).update(ceiling=Decimal("9999999.00"))
    expected = []
    for day, (hours, price) in enumerate(AWKWARD, start=1):
        line = ContractLineFactory(
            contract=world.contract, offer_key=world.line.offer_key, unit=Unit.HOUR,
            unit_price=Decimal(price), max_quantity=Decimal("100"),
        )  # fmt: skip
        DeliveryFactory(line=line, referral=world.referral, delivered_on=date(2026, 3, day),
                        quantity=Decimal(hours))  # fmt: skip
        cost = (Decimal(hours) * Decimal(price)).quantize(Decimal("0.01"), ROUND_HALF_UP)
        expected.append(cost)
    invoice = invoice_generate(actor=world.staff, contract=world.contract, period=MARCH)
    amounts = list(
        invoice.lines.order_by("delivery__delivered_on").values_list("amount", flat=True)
    )
    assert amounts == expected
    assert invoice.total == sum(expected)
    world.contract.refresh_from_db()
    assert world.contract.billed_total == sum(expected)
