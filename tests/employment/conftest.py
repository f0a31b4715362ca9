"""Fixtures of the employment tests: an employer with staff, a job, a caseworker's referral."""

import pytest

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
