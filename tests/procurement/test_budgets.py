"""Budgets: the standard that applies, month-end counts, overrides with reasons, the summary."""

from datetime import date
from decimal import Decimal

import pytest

from django.core.exceptions import PermissionDenied, ValidationError

from portal.audit.models import AuditEntry
from procurement.models import AgencyBudget, ContractState, InvoiceState
from procurement.selectors import budget_overview, budget_summary, standard_for
from procurement.services import budget_set, standard_set
from tests.factories.casework import SupervisedPersonFactory
from tests.factories.portal import UserFactory, jurisdiction
from tests.factories.procurement import ContractFactory

SUPERUSER_FIELDS = {"is_superuser": True, "is_staff": True}


@pytest.fixture
def admin(db):
    return UserFactory(**SUPERUSER_FIELDS)


def test_county_standard_applies_before_city_and_province(world, admin):
    standard_set(actor=admin, jurisdiction=jurisdiction("410000"), year=2026, amount=Decimal("800"))
    assert standard_for(world.agency_a, 2026).amount == Decimal("800.00")
    standard_set(actor=admin, jurisdiction=jurisdiction("410100"), year=2026, amount=Decimal("900"))
    assert standard_for(world.agency_a, 2026).amount == Decimal("900.00")
    standard_set(
        actor=world.manager, jurisdiction=jurisdiction("410102"), year=2026, amount=Decimal("1000")
    )
    assert standard_for(world.agency_a, 2026).amount == Decimal("1000.00")


def test_manager_cannot_set_another_countys_or_the_provinces_standard(world):
    for code in ("410105", "410000"):
        with pytest.raises(PermissionDenied):
            standard_set(
                actor=world.manager, jurisdiction=jurisdiction(code), year=2026, amount=Decimal("1")
            )


def test_negative_standard_is_refused(world, admin):
    with pytest.raises(ValidationError):
        standard_set(
            actor=admin, jurisdiction=jurisdiction("410000"), year=2026, amount=Decimal("-5")
        )


def test_budget_is_standard_times_the_average_of_month_end_counts(world, admin):
    standard_set(
        actor=admin, jurisdiction=jurisdiction("410000"), year=2026, amount=Decimal("1200")
    )
    # world.person: supervised 2025-01-01..2030; one more from 2025-07-01 to 2025-12-31.
    SupervisedPersonFactory(
        judicial_office=world.office_a, start_date=date(2025, 7, 1), end_date=date(2025, 12, 31)
    )
    budget = budget_set(actor=world.manager, agency=world.agency_a, year=2026)
    assert [count for _day, count in budget.month_counts] == [1] * 6 + [2] * 6
    assert budget.average_persons == Decimal("1.50")
    assert budget.amount == budget.computed_amount == Decimal("1800.00")
    assert AuditEntry.objects.filter(action="procurement.budget_set").exists()


def test_override_needs_a_reason_and_is_audited(world, admin):
    standard_set(
        actor=admin, jurisdiction=jurisdiction("410000"), year=2026, amount=Decimal("1200")
    )
    with pytest.raises(ValidationError, match="why"):
        budget_set(
            actor=world.manager, agency=world.agency_a, year=2026, override_amount=Decimal("5000")
        )
    assert not AgencyBudget.objects.exists()
    budget = budget_set(
        actor=world.manager,
        agency=world.agency_a,
        year=2026,
        override_amount=Decimal("5000.00"),
        override_reason="省厅追加专项经费",
    )
    assert budget.amount == Decimal("5000.00")
    entry = AuditEntry.objects.filter(action="procurement.budget_set").latest("pk")
    assert entry.detail["reason"] == "省厅追加专项经费"


@pytest.mark.parametrize("who", ["manager_b", "caseworker", "oversight", "staff"])
def test_only_the_agencys_manager_sets_its_budget(world, who):
    with pytest.raises(PermissionDenied):
        budget_set(
            actor=getattr(world, who),
            agency=world.agency_a,
            year=2026,
            override_amount=Decimal("1"),
            override_reason="x",
        )


def test_summary_counts_signed_contracts_as_committed_and_paid_invoices_as_spent(world):
    ContractFactory(agency=world.agency_a, state=ContractState.DRAFT, ceiling=Decimal("999"))
    ContractFactory(agency=world.agency_a, state=ContractState.SIGNED, ceiling=Decimal("5000"))
    world.contract.invoices.create(
        number="A-1", period=date(2026, 3, 1), total=Decimal("400.00"), state=InvoiceState.PAID,
        paid_on=date(2026, 4, 5), treasury_reference="GK-1",
    )  # fmt: skip
    world.contract.invoices.create(
        number="A-2", period=date(2026, 4, 1), total=Decimal("100.00"), state=InvoiceState.APPROVED
    )
    summary = budget_summary(world.agency_a, 2026)
    assert summary.committed == Decimal("15000.00")  # the world's active contract and the signed
    assert summary.spent == Decimal("400.00")
    april = summary.months[3]
    assert (april.spent, april.cumulative) == (Decimal("400.00"), Decimal("400.00"))


def test_overview_rows_give_the_budget_in_force_committed_and_spent_per_agency(world, admin):
    ContractFactory(agency=world.agency_a, state=ContractState.DRAFT, ceiling=Decimal("999"))
    ContractFactory(agency=world.agency_a, state=ContractState.SIGNED, ceiling=Decimal("5000"))
    ContractFactory(agency=world.agency_a, state=ContractState.SIGNED, budget_year=2025)
    world.contract.invoices.create(
        number="A-1", period=date(2026, 3, 1), total=Decimal("400.00"), state=InvoiceState.PAID,
        paid_on=date(2026, 4, 5), treasury_reference="GK-1",
    )  # fmt: skip
    AgencyBudget.objects.create(
        agency=world.agency_a, year=2026, standard=Decimal("100"), average_persons=Decimal("10"),
        computed_amount=Decimal("1000.00"), override_amount=Decimal("1200.00"),
        override_reason="新增对象",
    )  # fmt: skip
    rows = {row.agency_id: row for row in budget_overview(admin, 2026)}
    a, b = rows[world.agency_a.pk], rows[world.agency_b.pk]
    assert (a.budget, a.committed, a.spent) == (Decimal("1200.00"), Decimal("15000.00"), 400)
    assert (b.budget, b.committed, b.spent) == (None, 0, 0)
    assert [row.agency_id for row in budget_overview(world.manager, 2026)] == [world.agency_a.pk]
