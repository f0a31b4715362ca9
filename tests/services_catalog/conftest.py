"""Fixtures of the catalog tests: two organizations with staff, an agency manager, offers."""

import pytest

from portal.accounts.models import Role
from portal.organizations.models import MembershipRole, VerificationStatus
from portal.organizations.services import (
    agency_managers_group,
    membership_create,
    organization_verify,
    staff_assignment_create,
)
from tests.factories.portal import CorrectionsAgencyFactory, OrganizationFactory, UserFactory


def provider_staff(organization, email: str):
    """A member of an organization, editor of its section."""
    user = UserFactory(role=Role.PROVIDER_STAFF, email=email)
    membership_create(organization=organization, user=user, role=MembershipRole.STAFF, actor=user)
    return user


def verified_organization(name: str):
    """A registered organization verified by an agency manager, with its section."""
    organization = OrganizationFactory(name=name, status=VerificationStatus.UNVERIFIED)
    section = organization_verify(organization=organization, actor=None)
    organization.refresh_from_db()
    return organization, section


@pytest.fixture
def verified_a(db):
    return verified_organization("郑州市中原区心航社会工作服务中心")


@pytest.fixture
def verified_b(db):
    return verified_organization("洛阳市西工区启明社会工作服务中心")


@pytest.fixture
def organization_a(verified_a):
    return verified_a[0]


@pytest.fixture
def organization_b(verified_b):
    return verified_b[0]


@pytest.fixture
def section_a(verified_a):
    return verified_a[1]


@pytest.fixture
def section_b(verified_b):
    return verified_b[1]


@pytest.fixture
def staff_a(section_a, organization_a):
    return provider_staff(organization_a, "staff-a@example.cn")


@pytest.fixture
def staff_b(section_b, organization_b):
    return provider_staff(organization_b, "staff-b@example.cn")


@pytest.fixture
def manager(db):
    """A manager of the Zhongyuan agency, the county both organizations are registered in."""
    user = UserFactory(role=Role.AGENCY_MANAGER, email="manager@example.cn")
    staff_assignment_create(user=user, agency=CorrectionsAgencyFactory(), actor=None)
    agency_managers_group().user_set.add(user)
    return user
