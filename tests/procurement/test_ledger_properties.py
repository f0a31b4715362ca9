"""Property: whatever sequence of record / confirm / dispute / generate / approve / reject / pay
users attempt, the ledger's sums hold, no delivery is billed twice, no ceiling or line maximum
is exceeded; refused steps change nothing."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum

from procurement.models import (
    Contract,
    ContractLine,
    Delivery,
    DeliveryState,
    Invoice,
    InvoiceLine,
    InvoiceState,
    LineStatus,
)
from procurement.services.ledger import (
    delivery_record,
    delivery_review,
    invoice_generate,
    invoice_pay,
    invoice_review,
    invoice_submit,
)
from tests.procurement.conftest import delivery_fields

OPERATIONS = ["record", "confirm", "dispute", "generate", "submit", "approve", "reject", "pay"]


def _pick(queryset, seed: int):
    items = list(queryset.order_by("pk"))
    return items[seed % len(items)] if items else None


def apply(world, operation: str, seed: int) -> None:
    """Attempt one user step; a refusal must leave everything as it was."""
    if operation == "record":
        fields = delivery_fields(day=1 + seed % 5, start=8 + seed % 4, month=3 + seed % 2)
        delivery_record(actor=world.staff, line=world.line, referral=world.referral, **fields)
    elif operation in {"confirm", "dispute"}:
        delivery = _pick(Delivery.objects.filter(state=DeliveryState.RECORDED), seed)
        if delivery:
            delivery_review(
                actor=world.caseworker,
                delivery=delivery,
                confirm=operation == "confirm",
                reason="未到场",
            )
    elif operation == "generate":
        invoice_generate(
            actor=world.staff, contract=world.contract, period=date(2026, 3 + seed % 2, 1)
        )
    else:
        _invoice_step(world, operation, seed)


def _invoice_step(world, operation: str, seed: int) -> None:
    states = {"submit": InvoiceState.DRAFT, "pay": InvoiceState.APPROVED}
    invoice = _pick(
        Invoice.objects.filter(state=states.get(operation, InvoiceState.SUBMITTED)), seed
    )
    if invoice is None:
        return
    if operation == "submit":
        invoice_submit(actor=world.staff, invoice=invoice)
    elif operation == "pay":
        invoice_pay(
            actor=world.manager, invoice=invoice, paid_on=date(2026, 5, 1), treasury_reference="GK"
        )
    else:
        lines = list(invoice.lines.order_by("pk"))
        rejected = lines[: 1 + seed % len(lines)] if operation == "reject" else []
        invoice_review(
            actor=world.manager, invoice=invoice, rejections={line.pk: "不符" for line in rejected}
        )


def _total(queryset, field: str) -> Decimal:
    return queryset.aggregate(total=Sum(field))["total"] or Decimal("0")


def check_invariants(world) -> None:
    contract = Contract.objects.get(pk=world.contract.pk)
    deliveries = Delivery.objects.filter(contract=contract)
    counting = InvoiceLine.objects.filter(
        ~Q(status=LineStatus.REJECTED), invoice__contract=contract
    )
    billed_ids = list(counting.values_list("delivery_id", flat=True))
    assert len(billed_ids) == len(set(billed_ids)), "a delivery is billed twice"
    billed = deliveries.with_billed().filter(is_billed=True)
    assert set(billed_ids) == set(billed.values_list("pk", flat=True))
    assert set(deliveries.unbilled().values_list("pk", flat=True)).isdisjoint(billed_ids)
    assert not deliveries.filter(pk__in=billed_ids).exclude(state=DeliveryState.CONFIRMED).exists()
    assert contract.billed_total == _total(counting, "amount") <= contract.ceiling
    for line in ContractLine.objects.filter(contract=contract):
        billed = _total(counting.filter(contract_line=line), "quantity")
        assert line.billed_quantity == billed <= line.max_quantity
        recorded = _total(deliveries.filter(line=line), "quantity")
        assert line.delivered_quantity == recorded <= line.max_quantity
    for invoice in Invoice.objects.filter(contract=contract):
        assert invoice.total == _total(
            invoice.lines.filter(~Q(status=LineStatus.REJECTED)), "amount"
        )
        if invoice.state == InvoiceState.REJECTED:
            assert invoice.total == 0
    for item in counting:
        assert item.amount == item.quantity * item.unit_price


@pytest.mark.django_db
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(OPERATIONS), st.integers(min_value=0, max_value=1000)),
        min_size=1,
        max_size=25,
    )
)
def test_ledger_invariants_hold_over_any_sequence_of_steps(world, steps):
    Contract.objects.filter(pk=world.contract.pk).update(ceiling=Decimal("1000.00"))
    ContractLine.objects.filter(pk=world.line.pk).update(max_quantity=Decimal("8.00"))
    with transaction.atomic():
        for operation, seed in steps:
            try:
                with transaction.atomic():
                    apply(world, operation, seed)
            except ValidationError:
                pass
            check_invariants(world)
        transaction.set_rollback(True)
