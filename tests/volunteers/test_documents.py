from datetime import time

import pytest

from matching.registry import sources
from matching.selectors import offer_document, offer_search
from matching.services import index_rebuild
from matching.types import MatchQuery, Need, PersonProfile
from tests.factories.volunteers import (
    ShiftFactory,
    SignUpFactory,
    VolunteerOpportunityPageFactory,
    VolunteerProfileFactory,
)
from volunteers.models import ScreeningStatus
from volunteers.services import screening_transition


def test_active_mentor_is_a_mentor_offer_with_area_skills_and_availability(volunteer):
    document = offer_document(key=f"mentor:{volunteer.pk}")
    assert document.kind == "mentor"
    assert document.owner_user_id == volunteer.user_id
    assert set(document.categories) >= {
        "social-relationship-improvement",
        "public-welfare-activity",
    }
    assert document.service_area_codes == ("410102",)
    assert "w6|" in document.schedule  # Saturday, rendered in the reader's language
    assert document.languages == ("zh", "zh-henan")
    assert "identity" not in document.text and volunteer.identity_number_masked not in document.text


@pytest.mark.parametrize(
    "status",
    [
        ScreeningStatus.APPLIED,
        ScreeningStatus.DOCUMENTS_CHECKED,
        ScreeningStatus.SUSPENDED,
        ScreeningStatus.RETIRED,
    ],
)
def test_volunteers_not_serving_are_no_mentor_offer(db, status):
    profile = VolunteerProfileFactory(status=status)
    assert offer_document(key=f"mentor:{profile.pk}") is None


def test_volunteer_not_offering_mentoring_is_no_mentor_offer(db):
    profile = VolunteerProfileFactory(interests=["tutoring"])
    assert offer_document(key=f"mentor:{profile.pk}") is None
    assert profile not in list(sources()["mentor"].queryset())


def test_mentor_source_lists_only_serving_mentors(db):
    mentor = VolunteerProfileFactory(status=ScreeningStatus.APPROVED)
    VolunteerProfileFactory(status=ScreeningStatus.APPLIED)
    assert list(sources()["mentor"].queryset()) == [mentor]


def test_opportunity_document_counts_seats_left_over_shifts_to_come(db):
    shift = ShiftFactory(seats=3)
    ShiftFactory(opportunity=shift.opportunity, seats=2, start_time=time(14), end_time=time(16))
    SignUpFactory(shift=shift)
    document = offer_document(key=f"volunteer_opportunity:{shift.opportunity_id}")
    assert document.kind == "volunteer_opportunity"
    assert document.seats_left == 4
    assert "public-welfare-activity" in document.categories
    assert document.jurisdiction_code == "410102"
    assert document.organization_id is not None


def test_opportunity_without_shifts_to_come_is_not_offered(db):
    page = VolunteerOpportunityPageFactory()
    assert offer_document(key=f"volunteer_opportunity:{page.pk}") is None


def test_caseworkers_find_active_mentors_through_matching_by_need(db):
    mentor = VolunteerProfileFactory(interests=["mentoring"])
    VolunteerProfileFactory(interests=["mentoring"], status=ScreeningStatus.TRAINING_COMPLETED)
    index_rebuild()
    person = PersonProfile(
        jurisdiction_code="410102", needs=(Need("family-relationship-repair", 4),)
    )
    result = offer_search(query=MatchQuery(person=person, kinds=("mentor",)))
    assert [hit.document.key for hit in result.hits] == [f"mentor:{mentor.pk}"]
    assert result.hits[0].parts.needs_met > 0


def test_screening_decision_takes_a_mentor_out_of_matching(manager, agency):
    mentor = VolunteerProfileFactory(agency=agency, interests=["mentoring"])
    index_rebuild()
    screening_transition(
        volunteer=mentor, to_status=ScreeningStatus.SUSPENDED, reason="暂停", actor=manager
    )
    result = offer_search(query=MatchQuery(kinds=("mentor",)))
    assert result.hits == ()
