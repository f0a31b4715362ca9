"""The one scoping rule for personal data, and aggregates that count sealed records."""

import pytest

from casework.selectors import agency_aggregates, persons_visible_to
from matching.selectors import inbox_referrals_for
from portal.accounts.models import Role
from tests.factories.casework import SupervisedPersonFactory
from tests.factories.portal import StaffAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_caseworker_without_an_office_sees_the_persons_of_the_agency(agency, person, office_b):
    elsewhere = SupervisedPersonFactory(judicial_office=office_b)
    county_caseworker = StaffAssignmentFactory(
        agency=agency, judicial_office=None, user__role=Role.CASEWORKER
    ).user
    assert set(persons_visible_to(county_caseworker)) == {person, elsewhere}


def test_sealed_record_is_visible_to_each_assigned_caseworker_once(
    sealed_person, caseworker, office_colleague
):
    sealed_person.caseworkers.add(office_colleague)
    assert list(persons_visible_to(caseworker)) == [sealed_person]
    assert list(persons_visible_to(office_colleague)) == [sealed_person]


@pytest.mark.parametrize("role", [Role.OVERSIGHT, Role.PROVIDER_STAFF, Role.SITE_EDITOR, ""])
def test_other_roles_see_no_person(person, sealed_person, role):
    assert not persons_visible_to(UserFactory(role=role)).exists()


def test_superuser_sees_no_person_individually(person):
    admin = UserFactory(role="", is_superuser=True, is_staff=True)
    assert not persons_visible_to(admin).exists()


def test_caseworker_role_without_assignment_sees_nothing(person):
    assert not persons_visible_to(UserFactory(role=Role.CASEWORKER)).exists()


def test_anonymous_sees_nothing(person, sent_referral):
    from django.contrib.auth.models import AnonymousUser

    assert not persons_visible_to(AnonymousUser()).exists()
    assert not inbox_referrals_for(AnonymousUser()).exists()


def test_aggregates_count_sealed_records_by_agency(person, sealed_person, other_agency):
    totals = agency_aggregates(agency_id=person.agency_id)
    assert (totals["persons_total"], totals["sealed_total"]) == (2, 1)
    assert agency_aggregates(agency_id=other_agency.pk)["persons_total"] == 0
    by_status = {value: count for value, _label, count in totals["persons_by_status"]}
    assert by_status["under_supervision"] == 2
