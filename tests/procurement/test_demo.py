"""The procurement demo on a small world: budgets, contracts, a year of deliveries and invoices
in several states, the ledger in balance, and safe to run twice."""

from datetime import date

import pytest

from django.utils import timezone

from portal.accounts.models import User
from portal.demo import DemoContext
from procurement.demo import seed_procurement
from procurement.models import AgencyBudget, Contract, Delivery, Invoice, InvoiceState
from tests.factories.casework import SupervisedPersonFactory
from tests.factories.portal import UserFactory
from tests.factories.procurement import ReferralFactory
from tests.procurement.test_ledger_properties import check_invariants


@pytest.fixture
def demo_world(world):
    """Two more accepted referrals of the world's provider, and a superuser."""
    UserFactory(is_superuser=True, is_staff=True)
    for _ in range(2):
        person = SupervisedPersonFactory(
            judicial_office=world.office_a, caseworkers=[world.caseworker]
        )
        ReferralFactory(organization=world.provider, offer_key="service:4242", person=person)
    world.contract.delete()
    return world


def run_demo() -> None:
    seed_procurement(DemoContext(write=lambda line: None, show_passwords=True))


def test_demo_has_a_year_of_deliveries_and_invoices_and_runs_twice(demo_world):
    run_demo()
    counts = (Contract.objects.count(), Delivery.objects.count(), Invoice.objects.count())
    run_demo()
    assert (Contract.objects.count(), Delivery.objects.count(), Invoice.objects.count()) == counts
    assert AgencyBudget.objects.filter(year=timezone.localdate().year).count() >= 2
    contract = Contract.objects.get()
    assert contract.state == "active" and contract.attachment
    assert Delivery.objects.filter(delivered_on__lt=date(timezone.localdate().year, 4, 1)).exists()
    if timezone.localdate().month >= 6:
        states = set(Invoice.objects.values_list("state", flat=True))
        assert {InvoiceState.DRAFT, InvoiceState.SUBMITTED, InvoiceState.PAID} <= states
    demo_world.contract, demo_world.line = contract, contract.lines.first()
    check_invariants(demo_world)


def test_deliveries_of_an_office_without_caseworker_are_reviewed_and_invoiced(world):
    """The full demo has contracts in agencies whose offices have no caseworker account: a demo
    caseworker is placed at such an office, sees the person and confirms the deliveries, so
    those contracts get invoices too."""
    UserFactory(is_superuser=True, is_staff=True)
    office = world.caseworker_b.staff_assignment.judicial_office
    world.caseworker_b.staff_assignment.delete()
    for _ in range(2):
        person = SupervisedPersonFactory(judicial_office=office, caseworkers=[])
        ReferralFactory(organization=world.provider, offer_key="service:4343", person=person)
    world.contract.delete()
    world.referral.delete()
    run_demo()
    reviewer = User.objects.get(email=f"caseworker{office.pk}.office@demo.cn")
    assert reviewer.staff_assignment.judicial_office == office
    assert not reviewer.has_usable_password()
    assert Delivery.objects.filter(state="confirmed", reviewed_by=reviewer).exists()
    if timezone.localdate().month >= 3:
        assert Invoice.objects.filter(contract__agency=world.agency_b).exists()
