"""Opportunity pages: where they may be created, and editors cannot break sign-ups."""

import pytest

from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html
from wagtail.users.models import UserProfile

from portal.accounts.models import User
from portal.organizations.services import MODERATION_WORKFLOW
from tests.factories.portal import MembershipFactory
from tests.factories.volunteers import (
    ShiftFactory,
    SignUpFactory,
    VolunteerOpportunityPageFactory,
    section_for,
)
from volunteers.models import Shift, VolunteerOpportunityPage


@pytest.fixture
def admin_client(client, db):
    admin = User.objects.create_superuser(email="admin@example.cn", password="x-secret-42")
    UserProfile.objects.update_or_create(user=admin, defaults={"preferred_language": "en"})
    client.force_login(admin)
    return client


def edit_form(client, page):
    # The editor starts from a revision that holds the shifts.
    VolunteerOpportunityPage.objects.get(pk=page.pk).save_revision().publish()
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return querydict_from_html(response.content.decode(), form_id="page-edit-form")


def test_opportunities_are_created_only_in_a_provider_section(db):
    assert VolunteerOpportunityPage.can_create_at(section_for())
    assert not VolunteerOpportunityPage.can_create_at(Page.get_first_root_node())


def test_editor_cannot_remove_a_shift_volunteers_signed_up_for(admin_client):
    shift = ShiftFactory()
    SignUpFactory(shift=shift)
    data = edit_form(admin_client, shift.opportunity)
    data["shifts-0-DELETE"] = "1"
    data["action-publish"] = "action-publish"
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[shift.opportunity.pk]), data
    )
    assert "has sign-ups and cannot be removed" in response.content.decode()
    assert Shift.objects.filter(pk=shift.pk).exists()


def test_editor_cannot_give_a_shift_fewer_seats_than_confirmed(admin_client):
    shift = ShiftFactory(seats=2)
    SignUpFactory(shift=shift)
    SignUpFactory(shift=shift)
    data = edit_form(admin_client, shift.opportunity)
    data["shifts-0-seats"] = "1"
    data["action-publish"] = "action-publish"
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[shift.opportunity.pk]), data
    )
    assert "keep at least that many seats" in response.content.decode()
    shift.refresh_from_db()
    assert shift.seats == 2


def test_editor_may_add_seats_to_a_shift(admin_client):
    shift = ShiftFactory(seats=2)
    SignUpFactory(shift=shift)
    data = edit_form(admin_client, shift.opportunity)
    data["shifts-0-seats"] = "5"
    data["action-publish"] = "action-publish"
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[shift.opportunity.pk]), data
    )
    assert response.status_code == 302
    shift.refresh_from_db()
    assert shift.seats == 5


def test_opportunities_are_moderated_by_the_agency_approval_workflow(db):
    opportunity = VolunteerOpportunityPageFactory(live=False)
    assert opportunity.get_workflow().name == MODERATION_WORKFLOW


def test_organization_staff_add_opportunities_in_their_own_section_only(client, db):
    membership = MembershipFactory()
    own, other = section_for(membership.organization), section_for()
    client.force_login(membership.user)
    add = "wagtailadmin_pages:add"
    assert (
        client.get(
            reverse(add, args=["volunteers", "volunteeropportunitypage", own.pk])
        ).status_code
        == 200
    )
    response = client.get(reverse(add, args=["volunteers", "volunteeropportunitypage", other.pk]))
    assert response.status_code in (302, 403)
