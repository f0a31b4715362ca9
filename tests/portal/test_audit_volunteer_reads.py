"""Screening records, shift coordination lists and mentor details are read on the record."""

import pytest

from django.urls import reverse

from portal.audit.models import AuditEntry
from tests.factories.portal import user_with_role
from tests.factories.volunteers import VolunteerProfileFactory
from volunteers.models import ScreeningStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return user_with_role("agency_manager")


def test_opening_a_screening_record_is_audited(client, manager):
    agency = manager.staff_assignment.agency
    volunteer = VolunteerProfileFactory(agency=agency, status=ScreeningStatus.APPLIED)
    client.force_login(manager)
    assert (
        client.get(reverse("volunteers:screening_detail", args=[volunteer.pk])).status_code == 200
    )
    entry = AuditEntry.objects.get(action="volunteer.screening_read")
    assert entry.actor == manager and entry.object_id == str(volunteer.pk)
    assert entry.jurisdiction_code == agency.jurisdiction.code


def test_a_refused_screening_record_writes_no_read(client):
    volunteer = VolunteerProfileFactory(status=ScreeningStatus.APPLIED)
    client.force_login(user_with_role("caseworker"))
    assert (
        client.get(reverse("volunteers:screening_detail", args=[volunteer.pk])).status_code == 403
    )
    assert not AuditEntry.objects.filter(action="volunteer.screening_read").exists()


def test_the_shift_coordination_list_is_audited(client, manager):
    client.force_login(manager)
    assert client.get(reverse("volunteers:coordinate_shifts")).status_code == 200
    entry = AuditEntry.objects.get(action="volunteer.shift_roster_read")
    assert entry.actor == manager and entry.detail == {"count": 0}


def test_opening_a_mentor_is_audited(client):
    caseworker = user_with_role("caseworker")
    mentor = VolunteerProfileFactory(agency=caseworker.staff_assignment.agency)
    client.force_login(caseworker)
    assert client.get(reverse("volunteers:mentor_detail", args=[mentor.pk])).status_code == 200
    entry = AuditEntry.objects.get(action="volunteer.mentor_read")
    assert entry.actor == caseworker and entry.object_id == str(mentor.pk)
