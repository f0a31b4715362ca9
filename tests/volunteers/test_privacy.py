import pytest

from django.urls import reverse

from matching.models import Referral, ReferralState
from portal.audit.models import AuditEntry
from tests.factories.matching import ReferralFactory
from tests.factories.portal import (
    PASSWORD,
    CorrectionsAgencyFactory,
    StaffAssignmentFactory,
    jurisdiction,
)
from tests.factories.volunteers import SignUpFactory, VolunteerProfileFactory


def refer(volunteer, **fields) -> Referral:
    """A referral sent to the volunteer's mentor offer; the snapshot holds more than was
    consented, which must never show."""
    values = {
        "offer_key": f"mentor:{volunteer.pk}",
        "offer_kind": "mentor",
        "owner_user": volunteer.user,
        "person_code": "RZY7F3K2Q",
        "state": ReferralState.SENT,
        "shared_fields": ["first_name"],
        "shared_values": {
            "first_name": "小明",
            "phone": "13912345678",
            "identity_number": "410102199003071234",
            "offence": "盗窃",
        },
        "message": "每周六上午 中原区司法所",
    }
    return ReferralFactory(**(values | fields))


def test_mentee_list_shows_shared_fields_to_the_assigned_mentor_only(client, volunteer):
    refer(volunteer)
    client.login(email=volunteer.user.email, password=PASSWORD)
    page = client.get(reverse("volunteers:mentees")).content.decode()
    assert "RZY7F3K2Q" in page and "小明" in page and "每周六上午" in page
    for secret in ("盗窃", "410102199003071234", "13912345678"):
        assert secret not in page
    other = VolunteerProfileFactory()
    client.login(email=other.user.email, password=PASSWORD)
    assert "RZY7F3K2Q" not in client.get(reverse("volunteers:mentees")).content.decode()


def test_drafts_and_referrals_to_other_offers_are_not_mentees(client, volunteer):
    refer(volunteer, state=ReferralState.DRAFT, person_code="RDRAFT001")
    refer(volunteer, offer_key=f"service:{volunteer.pk}", person_code="ROTHER001")
    client.login(email=volunteer.user.email, password=PASSWORD)
    page = client.get(reverse("volunteers:mentees")).content.decode()
    assert "RDRAFT001" not in page and "ROTHER001" not in page


def test_mentor_accepts_from_the_mentee_list_through_the_referral_table(client, volunteer):
    referral = refer(volunteer)
    client.login(email=volunteer.user.email, password=PASSWORD)
    client.post(reverse("volunteers:mentee_move", args=[referral.pk, "accept"]))
    referral.refresh_from_db()
    assert referral.state == ReferralState.ACCEPTED
    assert referral.events.get().actor == volunteer.user


def test_a_step_the_table_does_not_allow_gives_a_message_and_changes_nothing(english, volunteer):
    referral = refer(volunteer)
    english.login(email=volunteer.user.email, password=PASSWORD)
    response = english.post(
        reverse("volunteers:mentee_move", args=[referral.pk, "complete"]),
        {"note": "完成"},
        follow=True,
    )
    assert "cannot be moved" in response.content.decode()
    referral.refresh_from_db()
    assert referral.state == ReferralState.SENT


def test_another_volunteer_cannot_move_someone_elses_mentee(client, volunteer):
    referral = refer(volunteer)
    other = VolunteerProfileFactory()
    client.login(email=other.user.email, password=PASSWORD)
    response = client.post(reverse("volunteers:mentee_move", args=[referral.pk, "accept"]))
    assert response.status_code == 403
    referral.refresh_from_db()
    assert referral.state == ReferralState.SENT


@pytest.mark.parametrize(
    "path",
    [
        "/casework/",
        "/casework/persons/1/",
        "/casework/persons/1/assessments/1/",
        "/casework/persons/export.csv",
        "/casework/referrals/1/",
        "/reports/persons/",
    ],
)
def test_volunteer_can_open_no_person_record(client, volunteer, path):
    client.login(email=volunteer.user.email, password=PASSWORD)
    assert client.get(path).status_code in (403, 404)


@pytest.mark.parametrize("role", ["volunteer", "provider_staff"])
def test_mentor_details_are_for_caseworkers_and_agency_managers(
    client, request, role, volunteer, caseworker, manager
):
    url = reverse("volunteers:mentor_detail", args=[volunteer.pk])
    user = request.getfixturevalue(role)
    client.login(email=getattr(user, "user", user).email, password=PASSWORD)
    assert client.get(url).status_code == 403
    for staff in (caseworker, manager):
        client.login(email=staff.email, password=PASSWORD)
        page = client.get(url).content.decode()
        assert volunteer.real_name in page
        assert volunteer.identity_number_masked not in page


def test_other_volunteers_cannot_cancel_or_see_someone_elses_signups(client, volunteer):
    signup = SignUpFactory(volunteer=volunteer)
    other = VolunteerProfileFactory()
    client.login(email=other.user.email, password=PASSWORD)
    assert client.post(reverse("volunteers:signup_cancel", args=[signup.pk])).status_code == 404
    assert (
        signup.shift.opportunity.title
        not in client.get(reverse("volunteers:my_shifts")).content.decode()
    )


def test_mentee_list_reads_the_referral_state_and_links_to_the_inbox(english, volunteer):
    referral = refer(volunteer)
    english.login(email=volunteer.user.email, password=PASSWORD)
    page = english.get(reverse("volunteers:mentees")).content.decode()
    assert "Sent" in page and "Accept" in page
    assert reverse("casework:inbox_detail", args=[referral.pk]) in page


@pytest.fixture
def other_caseworker(db):
    """A caseworker of another county's agency (410103); the volunteer serves 410102."""
    agency = CorrectionsAgencyFactory(jurisdiction=jurisdiction("410103"))
    return StaffAssignmentFactory(judicial_office__agency=agency).user


def test_another_countys_caseworker_cannot_open_a_mentor_of_elsewhere(
    client, volunteer, other_caseworker, other_manager
):
    url = reverse("volunteers:mentor_detail", args=[volunteer.pk])
    for staff in (other_caseworker, other_manager):
        client.force_login(staff)
        assert client.get(url).status_code == 404
    assert not AuditEntry.objects.filter(action="volunteer.mentor_read").exists()


def test_another_countys_caseworker_opens_a_mentor_who_serves_their_county(
    client, volunteer, other_caseworker
):
    volunteer.jurisdictions.add(jurisdiction("410103"))
    client.force_login(other_caseworker)
    page = client.get(reverse("volunteers:mentor_detail", args=[volunteer.pk])).content.decode()
    assert volunteer.real_name in page


def test_another_countys_caseworker_opens_a_mentor_their_agency_referred_to(
    client, volunteer, other_caseworker
):
    colleague = StaffAssignmentFactory(
        judicial_office=other_caseworker.staff_assignment.judicial_office
    ).user
    refer(volunteer, created_by=colleague)
    client.force_login(other_caseworker)
    page = client.get(reverse("volunteers:mentor_detail", args=[volunteer.pk])).content.decode()
    assert volunteer.real_name in page
