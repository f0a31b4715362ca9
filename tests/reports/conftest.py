import pytest

from portal.accounts.models import Role
from tests.factories.portal import AgencyManagerAssignmentFactory, UserFactory, jurisdiction


@pytest.fixture
def manager(db):
    """An agency manager of 郑州市中原区 (410102)."""
    return AgencyManagerAssignmentFactory().user


@pytest.fixture
def superuser(db):
    return UserFactory(role=Role.AGENCY_MANAGER, is_superuser=True, is_staff=True)


@pytest.fixture
def oversight(db):
    return UserFactory(role=Role.OVERSIGHT)


@pytest.fixture
def zhongyuan(db):
    return jurisdiction("410102")
