"""The procurement demo (made smaller here): budgets, contracts of several agencies, deliveries
and invoices in every state, the ledger in balance, and safe to run twice."""

import pytest

from portal.demo import DemoContext, seeders
from procurement.models import AgencyBudget, Contract, Delivery, Invoice, InvoiceState

pytestmark = pytest.mark.django_db


def run_demo() -> None:
    context = DemoContext(write=lambda line: None, show_passwords=True)
    for seeder in seeders():
        if seeder.name.startswith(("kernel", "services_catalog", "casework", "procurement")):
            seeder.run(context)


def test_demo_has_a_year_of_contracts_deliveries_and_invoices_and_runs_twice(monkeypatch):
    monkeypatch.setattr("casework.demo.PERSONS_PER_OFFICE", 9)
    run_demo()
    counts = (Contract.objects.count(), Delivery.objects.count(), Invoice.objects.count())
    run_demo()
    assert (Contract.objects.count(), Delivery.objects.count(), Invoice.objects.count()) == counts
    assert Contract.objects.values("agency").distinct().count() >= 2
    assert Contract.objects.values("organization").distinct().count() >= 2
    assert AgencyBudget.objects.exists()
    assert {InvoiceState.DRAFT, InvoiceState.SUBMITTED, InvoiceState.PAID} <= set(
        Invoice.objects.values_list("state", flat=True)
    )
    for contract in Contract.objects.all():
        paid = sum(
            invoice.total for invoice in contract.invoices.exclude(state=InvoiceState.REJECTED)
        )
        assert contract.billed_total == paid <= contract.ceiling
