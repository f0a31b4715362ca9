from django.urls import reverse

from tests.factories.portal import PASSWORD
from tests.factories.volunteers import (
    VolunteerOpportunityPageFactory,
    VolunteerProfileFactory,
    section_for,
)
from volunteers.models import ScreeningStatus


def test_volunteer_dashboard_links_to_their_volunteering(client, volunteer):
    client.login(email=volunteer.user.email, password=PASSWORD)
    page = client.get(reverse("dashboard")).content.decode()
    for name in ["home", "opportunities", "my_shifts", "hours", "mentees"]:
        assert reverse(f"volunteers:{name}") in page
    assert reverse("volunteers:screening_list") not in page


def test_agency_manager_dashboard_counts_volunteers_waiting_for_screening(client, manager, agency):
    for status in [
        ScreeningStatus.APPLIED,
        ScreeningStatus.TRAINING_COMPLETED,
        ScreeningStatus.ACTIVE,
    ]:
        VolunteerProfileFactory(agency=agency, status=status)
    client.login(email=manager.email, password=PASSWORD)
    response = client.get(reverse("dashboard"))
    links = {item["url"]: item["count"] for item in response.context["links"]}
    assert links[reverse("volunteers:screening_list")] == 2
    assert links[reverse("volunteers:coordinate_hours")] == 0


def test_staff_who_coordinate_no_volunteer_work_see_no_coordination_links(client, provider_staff):
    client.login(email=provider_staff.email, password=PASSWORD)
    page = client.get(reverse("dashboard")).content.decode()
    assert reverse("volunteers:coordinate_hours") not in page


def test_organization_staff_publishing_opportunities_see_coordination_links(client, provider_staff):
    VolunteerOpportunityPageFactory(
        section=section_for(provider_staff.memberships.get().organization)
    )
    client.login(email=provider_staff.email, password=PASSWORD)
    page = client.get(reverse("dashboard")).content.decode()
    assert reverse("volunteers:coordinate_hours") in page
    assert reverse("volunteers:coordinate_shifts") in page
