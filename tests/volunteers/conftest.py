import pytest

from django.utils import translation

from portal.accounts.models import Role
from tests.factories.portal import (
    CorrectionsAgencyFactory,
    MembershipFactory,
    StaffAssignmentFactory,
    UserFactory,
    jurisdiction,
)
from tests.factories.volunteers import VolunteerProfileFactory


@pytest.fixture
def agency(db):
    return CorrectionsAgencyFactory()


@pytest.fixture
def manager(agency):
    """The agency manager of the agency that screens the volunteers."""
    user = UserFactory(role=Role.AGENCY_MANAGER)
    StaffAssignmentFactory(user=user, agency=agency, judicial_office=None)
    return user


@pytest.fixture
def other_manager(db):
    """An agency manager of another county's agency."""
    other = CorrectionsAgencyFactory(jurisdiction=jurisdiction("410103"))
    user = UserFactory(role=Role.AGENCY_MANAGER)
    StaffAssignmentFactory(user=user, agency=other, judicial_office=None)
    return user


@pytest.fixture
def caseworker(agency):
    user = UserFactory(role=Role.CASEWORKER)
    StaffAssignmentFactory(user=user, judicial_office__agency=agency)
    return user


@pytest.fixture
def volunteer(agency):
    return VolunteerProfileFactory(agency=agency)


@pytest.fixture
def provider_staff(db):
    return MembershipFactory().user


@pytest.fixture(autouse=True)
def _english_messages():
    """Service errors are matched on their English text; screens choose their own language."""
    with translation.override("en"):
        yield
