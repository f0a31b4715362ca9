import pytest

from django.urls import reverse

from matching.signals import referral_changed
from tests.factories.portal import PASSWORD
from tests.factories.volunteers import SignUpFactory, VolunteerProfileFactory
from volunteers.models import MentorAssignment

SHARED = {
    "referral_code": "ZY-7F3K2Q",
    "need": "家庭关系修复",
    "first_name": "小明",
    "meeting_details": "每周六上午 中原区司法所",
    "identity_number": "410102199003071234",
    "offence": "盗窃",
    "assessment": "再犯风险中等",
}


def refer(volunteer, referral_id=501, state="sent", shared=None):
    referral_changed.send(
        sender=None,
        offer_key=f"mentor:{volunteer.pk}",
        referral_id=referral_id,
        referral_code="ZY-7F3K2Q",
        state=state,
        shared=SHARED if shared is None else shared,
        actor=None,
    )


def test_referral_to_a_mentor_keeps_only_the_shared_fields(volunteer):
    refer(volunteer)
    assignment = MentorAssignment.objects.get()
    stored = {f.name: getattr(assignment, f.name) for f in MentorAssignment._meta.concrete_fields}
    assert (
        "410102199003071234" not in str(stored)
        and "盗窃" not in str(stored)
        and "风险" not in str(stored)
    )
    assert (assignment.referral_code, assignment.first_name, assignment.need) == (
        "ZY-7F3K2Q",
        "小明",
        "家庭关系修复",
    )


def test_later_referral_changes_update_the_same_mentee(volunteer):
    refer(volunteer)
    refer(volunteer, state="accepted", shared={"referral_code": "ZY-7F3K2Q"})
    assignment = MentorAssignment.objects.get()
    assert (assignment.state, assignment.first_name) == ("accepted", "")


def test_referrals_to_other_offers_are_ignored(volunteer):
    referral_changed.send(
        sender=None,
        offer_key=f"service:{volunteer.pk}",
        referral_id=9,
        referral_code="X",
        state="sent",
        shared=SHARED,
    )
    assert not MentorAssignment.objects.exists()


def test_mentee_list_shows_shared_fields_to_the_assigned_mentor_only(client, volunteer):
    refer(volunteer)
    client.login(email=volunteer.user.email, password=PASSWORD)
    page = client.get(reverse("volunteers:mentees")).content.decode()
    assert "ZY-7F3K2Q" in page and "小明" in page and "每周六上午" in page
    assert "盗窃" not in page and "410102199003071234" not in page
    other = VolunteerProfileFactory()
    client.login(email=other.user.email, password=PASSWORD)
    assert "ZY-7F3K2Q" not in client.get(reverse("volunteers:mentees")).content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/casework/",
        "/casework/persons/1/",
        "/casework/persons/1/assessments/1/",
        "/casework/persons/export.csv",
        "/casework/referrals/1/",
        "/casework/reports/",
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
    refer(volunteer, referral_id=777, state="sent")
    english.login(email=volunteer.user.email, password=PASSWORD)
    page = english.get(reverse("volunteers:mentees")).content.decode()
    assert "Waiting for your answer" in page
    assert reverse("casework:inbox_detail", args=[777]) in page
