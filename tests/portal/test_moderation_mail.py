"""The "submitted for approval" e-mail reaches the agency managers who may approve the page."""

import pytest

from django.core import mail

from portal.accounts.models import Role
from portal.organizations.models import VerificationStatus
from portal.organizations.services import (
    agency_managers_group,
    organization_verify,
    staff_assignment_create,
)
from tests.factories.portal import (
    CorrectionsAgencyFactory,
    OrganizationFactory,
    UserFactory,
    jurisdiction,
)

pytestmark = pytest.mark.django_db


def manager_of(code: str, email: str):
    user = UserFactory(role=Role.AGENCY_MANAGER, email=email)
    agency = CorrectionsAgencyFactory(jurisdiction=jurisdiction(code))
    staff_assignment_create(user=user, agency=agency, actor=None)
    agency_managers_group().user_set.add(user)
    return user


def submit_section_of_an_organization_in(code: str) -> None:
    organization = OrganizationFactory(
        jurisdiction=jurisdiction(code), status=VerificationStatus.UNVERIFIED
    )
    section = organization_verify(organization=organization, actor=None)
    submitter = UserFactory(role=Role.PROVIDER_STAFF, email="staff@example.cn")
    section.save_revision(user=submitter)
    mail.outbox.clear()
    section.get_workflow().start(section, submitter)


def recipients() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


def test_only_the_managers_of_the_providers_county_are_asked_to_approve():
    manager_of("410102", "zhongyuan@example.cn")
    manager_of("410202", "kaifeng@example.cn")
    submit_section_of_an_organization_in("410102")
    assert "zhongyuan@example.cn" in recipients()
    assert "kaifeng@example.cn" not in recipients()


def test_superusers_are_still_told_and_each_manager_once():
    manager_of("410102", "zhongyuan@example.cn")
    UserFactory(is_superuser=True, email="admin@example.cn")
    submit_section_of_an_organization_in("410102")
    assert {"zhongyuan@example.cn", "admin@example.cn"} <= recipients()
    addressed = [a for message in mail.outbox for a in message.to if a == "zhongyuan@example.cn"]
    assert addressed == ["zhongyuan@example.cn"]
