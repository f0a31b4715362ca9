import pytest

from portal.accounts.models import OversightProfile, Role
from tests.factories.portal import AgencyManagerAssignmentFactory, UserFactory, jurisdiction


def oversight_user(kind: str = "procuratorate", code: str = "410100"):
    """An oversight user of a body, scoped to a place (a city by default)."""
    user = UserFactory(role=Role.OVERSIGHT)
    OversightProfile.objects.create(user=user, kind=kind, jurisdiction=jurisdiction(code))
    return user


@pytest.fixture
def manager(db):
    """An agency manager of 郑州市中原区 (410102)."""
    return AgencyManagerAssignmentFactory().user


@pytest.fixture
def procurator(db):
    """A procuratorate user for 郑州市 (410100)."""
    return oversight_user("procuratorate", "410100")
