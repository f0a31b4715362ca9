"""Fixtures of the employment tests: an employer with staff, a job, a caseworker's referral."""

import pytest

from matching.signals import provider_update
from portal.accounts.models import Role
from portal.organizations.services import section_ensure, staff_assignment_create
from tests.factories.employment import (
    EmployerFactory,
    JobApplicationFactory,
    JobOfferPageFactory,
    employer_staff,
)
from tests.factories.portal import CorrectionsAgencyFactory, JudicialOfficeFactory, UserFactory


@pytest.fixture
def employer(db):
    return EmployerFactory(name="郑州宏达机械制造有限公司")


@pytest.fixture
def section(employer):
    return section_ensure(organization=employer)


@pytest.fixture
def staff(employer):
    return employer_staff(employer, email="hr@hongda.example.cn")


@pytest.fixture
def job(section):
    return JobOfferPageFactory(section=section, title="数控车床操作工", positions=1)


@pytest.fixture
def office(db):
    return JudicialOfficeFactory(agency=CorrectionsAgencyFactory())


@pytest.fixture
def caseworker(office):
    user = UserFactory(role=Role.CASEWORKER, email="caseworker@example.cn")
    staff_assignment_create(user=user, agency=office.agency, judicial_office=office, actor=user)
    return user


@pytest.fixture
def manager(office):
    user = UserFactory(role=Role.AGENCY_MANAGER, email="manager@example.cn")
    staff_assignment_create(user=user, agency=office.agency, actor=user)
    return user


@pytest.fixture
def application(job, caseworker):
    return JobApplicationFactory(job=job, created_by=caseworker)


@pytest.fixture(autouse=True)
def provider_events(request):
    """What the employment app reports to casework, recorded instead of applied: these tests'
    applications have synthetic referrals. A test asking for `casework_loop` runs the real one."""
    received: list[tuple[int, str, str]] = []
    if "casework_loop" in request.fixturenames:
        yield received
        return
    saved = provider_update.receivers
    provider_update.receivers = []
    provider_update.sender_receivers_cache.clear()

    def listener(sender, **kwargs):
        received.append((kwargs["referral_id"], kwargs["event"], kwargs["note"]))

    provider_update.connect(listener, weak=False)
    yield received
    provider_update.receivers = saved
    provider_update.sender_receivers_cache.clear()


@pytest.fixture
def casework_loop():
    """Marks a test that runs against casework's real referral receiver."""
    return True
