"""Generating and approving invoices at the same moment: never billed twice, never beyond the
ceiling (row locks on PostgreSQL, constraints everywhere)."""

import threading
from datetime import date
from decimal import Decimal

import pytest

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection

from procurement.models import Contract, Delivery, InvoiceLine, InvoiceState
from procurement.services.ledger import invoice_generate, invoice_review, invoice_submit
from tests.factories.procurement import DeliveryFactory
from tests.procurement.test_ledger_properties import check_invariants

pytestmark = [
    pytest.mark.skipif(
        "sqlite" in settings.DATABASES["default"]["ENGINE"],
        reason="SQLite serializes every writer, so concurrent billing needs PostgreSQL",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def run_together(calls) -> tuple[list, list[str]]:
    """Run the calls in threads released at once; collect results and refusals."""
    done, refused = [], []
    barrier = threading.Barrier(len(calls))

    def run(call):
        try:
            barrier.wait()
            done.append(call())
        except ValidationError as error:
            refused.append(error.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done, refused


def deliveries(world, month: int, count: int) -> None:
    for day in range(1, count + 1):
        DeliveryFactory(
            line=world.line, referral=world.referral, delivered_on=date(2026, month, day)
        )


def generate(world, month: int):
    return lambda: invoice_generate(
        actor=world.staff, contract=world.contract, period=date(2026, month, 1)
    )


def test_concurrent_generations_of_one_month_bill_each_delivery_once(world):
    deliveries(world, 3, 6)
    done, refused = run_together([generate(world, 3) for _ in range(5)])
    assert len(done) == 1 and len(refused) == 4
    assert InvoiceLine.objects.filter(invoice__contract=world.contract).count() == 6
    check_invariants(world)


def test_concurrent_generations_never_exceed_the_ceiling(world):
    Contract.objects.filter(pk=world.contract.pk).update(ceiling=Decimal("1000.00"))
    deliveries(world, 3, 3)  # ¥600
    deliveries(world, 4, 3)  # ¥600
    done, refused = run_together([generate(world, 3), generate(world, 4)])
    assert len(done) == 1
    assert "ceiling" in refused[0] or "上限" in refused[0]  # the threads speak the default language
    world.contract.refresh_from_db()
    assert world.contract.billed_total == Decimal("600.00")
    check_invariants(world)


def test_approving_while_generating_keeps_the_ledger_in_balance(world):
    deliveries(world, 3, 4)
    invoice = invoice_generate(actor=world.staff, contract=world.contract, period=date(2026, 3, 1))
    invoice_submit(actor=world.staff, invoice=invoice)
    deliveries(world, 4, 4)
    rejected = invoice.lines.order_by("pk").first()

    def review():
        return invoice_review(
            actor=world.manager, invoice=invoice, rejections={rejected.pk: "重复"}
        )

    done, refused = run_together([review, generate(world, 4), generate(world, 4), review])
    assert len(done) == 2, refused
    invoice.refresh_from_db()
    assert invoice.state == InvoiceState.APPROVED
    assert Delivery.objects.filter(contract=world.contract).unbilled().count() == 1
    check_invariants(world)
