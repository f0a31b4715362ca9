"""The purchase-of-service report: budgets, commitments and payments computed, never typed."""

from datetime import date

import pytest

from procurement.models import DeliveryState
from procurement.services.ledger import (
    invoice_generate,
    invoice_pay,
    invoice_review,
    invoice_submit,
)
from reports.definitions import ReportScope, procurement_report
from reports.periods import quarter
from tests.factories.portal import MembershipFactory, jurisdiction
from tests.factories.procurement import ContractLineFactory, DeliveryFactory

pytestmark = pytest.mark.django_db


def test_paid_amounts_follow_the_invoices_paid_in_the_period(manager):
    line = ContractLineFactory(contract__agency__jurisdiction=jurisdiction("410102"))
    contract = line.contract
    for day in (2, 3, 4):
        DeliveryFactory(line=line, delivered_on=date(2026, 4, day))
    provider = MembershipFactory(organization=contract.organization).user
    invoice = invoice_generate(actor=manager, contract=contract, period=date(2026, 4, 1))
    invoice_submit(actor=provider, invoice=invoice)
    invoice_review(actor=manager, invoice=invoice, rejections={})
    invoice_pay(
        actor=manager, invoice=invoice, paid_on=date(2026, 5, 10), treasury_reference="GK-1"
    )

    tables = procurement_report(ReportScope(jurisdiction("410102"), quarter(2026, 2)))
    budgets, by_provider = tables[0], tables[1]

    assert budgets.rows[0][1][0].display == "0.00"
    assert budgets.rows[0][1][1].display == "10000.00"
    assert budgets.rows[0][1][2].display == "600.00"
    assert by_provider.rows[0][0] == contract.organization.name
    assert by_provider.rows[0][1][0].display == "600.00"
    assert tables[3].rows[0][1][0].display == "3"


def test_nothing_paid_outside_the_period_is_counted(manager):
    line = ContractLineFactory(contract__agency__jurisdiction=jurisdiction("410102"))
    DeliveryFactory(line=line, delivered_on=date(2026, 4, 2))

    tables = procurement_report(ReportScope(jurisdiction("410102"), quarter(2026, 3)))

    assert tables[1].is_empty
    assert tables[3].is_empty


def test_deliveries_are_counted_under_their_own_column(manager):
    line = ContractLineFactory(contract__agency__jurisdiction=jurisdiction("410102"))
    for day in (2, 3, 4):
        DeliveryFactory(line=line, delivered_on=date(2026, 4, day))
    for day in (6, 7):
        DeliveryFactory(line=line, delivered_on=date(2026, 4, day), state=DeliveryState.RECORDED)
    DeliveryFactory(
        line=line,
        delivered_on=date(2026, 4, 8),
        state=DeliveryState.DISPUTED,
        dispute_reason="未到场",
        times_disputed=1,
    )

    deliveries = procurement_report(ReportScope(jurisdiction("410102"), quarter(2026, 2)))[3]

    assert [cell.display for cell in deliveries.rows[0][1]] == ["3", "2", "1"]
