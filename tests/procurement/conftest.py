"""Procurement fixtures: two agencies, two providers, one user per role, an active contract."""

from datetime import date, time
from decimal import Decimal
from types import SimpleNamespace

import pytest

from django.utils import translation

from portal.accounts.models import Role
from tests.factories.casework import SupervisedPersonFactory
from tests.factories.portal import (
    AgencyManagerAssignmentFactory,
    CorrectionsAgencyFactory,
    JudicialOfficeFactory,
    MembershipFactory,
    OrganizationFactory,
    StaffAssignmentFactory,
    UserFactory,
    jurisdiction,
)
from tests.factories.procurement import ContractFactory, ContractLineFactory, referral_for


@pytest.fixture
def world(db):
    """Agency A (中原区) and B (金水区), provider P and Q, a caseworker per agency, managers,
    oversight, an active contract of A with P, one line, and an accepted referral of a person
    of A's office to that line's offer."""
    agency_a = CorrectionsAgencyFactory(jurisdiction=jurisdiction("410102"))
    agency_b = CorrectionsAgencyFactory(jurisdiction=jurisdiction("410105"))
    office_a = JudicialOfficeFactory(agency=agency_a)
    office_b = JudicialOfficeFactory(agency=agency_b)
    provider, other_provider = OrganizationFactory(), OrganizationFactory()
    staff = MembershipFactory(organization=provider).user
    caseworker = StaffAssignmentFactory(judicial_office=office_a).user
    contract = ContractFactory(agency=agency_a, organization=provider)
    line = ContractLineFactory(contract=contract)
    person = SupervisedPersonFactory(judicial_office=office_a, caseworkers=[caseworker])
    return SimpleNamespace(
        agency_a=agency_a,
        agency_b=agency_b,
        office_a=office_a,
        provider=provider,
        other_provider=other_provider,
        staff=staff,
        other_staff=MembershipFactory(organization=other_provider).user,
        caseworker=caseworker,
        caseworker_b=StaffAssignmentFactory(judicial_office=office_b).user,
        manager=AgencyManagerAssignmentFactory(agency=agency_a).user,
        manager_b=AgencyManagerAssignmentFactory(agency=agency_b).user,
        oversight=UserFactory(role=Role.OVERSIGHT),
        contract=contract,
        line=line,
        person=person,
        referral=referral_for(line, person=person),
    )


def delivery_fields(day: int = 2, start: int = 9, hours: int = 1, month: int = 3) -> dict:
    """What a provider types for a delivery on a day of 2026 at an hour."""
    return {
        "delivered_on": date(2026, month, day),
        "starts_at": time(start, 0),
        "ends_at": time(start + hours, 0),
        "staff_name": "李老师",
        "place": "中原区司法所",
        "notes": "",
    }


MONEY = Decimal("0.01")


@pytest.fixture(autouse=True)
def _english_messages():
    """Service messages are matched in English; screens still answer in the visitor's language."""
    with translation.override("en"):
        yield
