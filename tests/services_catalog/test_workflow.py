"""Moderation: staff submit, agency managers approve or reject with a comment, staff are told."""

import pytest

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail.models import WorkflowState

from matching.models import OfferCapacity
from portal.organizations.models import Jurisdiction
from services_catalog.models import ServiceOfferPage
from tests.factories.services_catalog import ServiceOfferPageFactory
from tests.services_catalog.admin_forms import add_url, edit_url, offer_fields, post_editor

pytestmark = pytest.mark.django_db


def submitted_offer(client, staff, section) -> ServiceOfferPage:
    client.force_login(staff)
    response = post_editor(client, add_url(section), offer_fields(), "action-submit")
    assert response.status_code == 302, response.context["form"].errors.as_text()
    return ServiceOfferPage.objects.get(slug="jiuye-jineng")


def workflow_action(client, user, page, action: str, comment: str = ""):
    client.force_login(user)
    state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk])
    return client.post(url, {"comment": comment})


def test_staff_submission_starts_the_agency_workflow_and_publishes_nothing(
    client, staff_a, section_a
):
    offer = submitted_offer(client, staff_a, section_a)
    assert not offer.live
    state = WorkflowState.objects.get(object_id=str(offer.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name.original == "Agency approval"


def test_staff_cannot_publish_from_the_editor(client, staff_a, section_a):
    client.force_login(staff_a)
    post_editor(client, add_url(section_a), offer_fields(), "action-publish")
    assert not ServiceOfferPage.objects.filter(live=True).exists()


def test_manager_approval_publishes_the_offer_and_emails_the_submitter(
    client, staff_a, section_a, manager
):
    offer = submitted_offer(client, staff_a, section_a)
    mail.outbox.clear()
    workflow_action(client, manager, offer, "approve", "内容完整，同意发布。")
    offer.refresh_from_db()
    assert offer.live
    notified = [message for message in mail.outbox if staff_a.email in message.to]
    assert notified and "就业技能提升培训" in notified[0].subject


def test_manager_rejection_keeps_the_offer_unpublished_and_sends_the_comment(
    client, staff_a, section_a, manager
):
    offer = submitted_offer(client, staff_a, section_a)
    mail.outbox.clear()
    workflow_action(client, manager, offer, "reject", "请补充服务地点的详细地址。")
    offer.refresh_from_db()
    assert not offer.live
    notified = [message for message in mail.outbox if staff_a.email in message.to]
    assert notified and "请补充服务地点的详细地址。" in notified[0].body


def test_provider_staff_cannot_approve_their_own_submission(client, staff_a, section_a):
    offer = submitted_offer(client, staff_a, section_a)
    response = workflow_action(client, staff_a, offer, "approve")
    offer.refresh_from_db()
    assert response.status_code in (302, 403)
    assert not offer.live


def test_rejected_offer_can_be_changed_and_submitted_again(client, staff_a, section_a, manager):
    offer = submitted_offer(client, staff_a, section_a)
    workflow_action(client, manager, offer, "reject", "请补充地址。")
    client.force_login(staff_a)
    changes = {**offer_fields(), "summary": "已补充：服务地点在建设路1号。"}
    response = post_editor(client, edit_url(offer), changes, "action-submit")
    assert response.status_code == 302
    workflow_action(client, manager, ServiceOfferPage.objects.get(pk=offer.pk), "approve")
    offer.refresh_from_db()
    assert offer.live
    assert offer.summary == "已补充：服务地点在建设路1号。"


def test_editor_shows_field_errors_and_saves_nothing(client, staff_a, section_a):
    client.force_login(staff_a)
    changes = {**offer_fields(), "min_age": "40", "max_age": "18"}
    response = post_editor(client, add_url(section_a), changes, "action-submit")
    assert response.status_code == 200
    message = _("The maximum age must not be below the minimum age.")
    assert message in response.content.decode()
    assert not ServiceOfferPage.objects.exists()


def test_publication_records_the_seats_for_matching(section_a):
    offer = ServiceOfferPageFactory(section=section_a, seats=8)
    capacity = OfferCapacity.objects.get(offer_key=f"service:{offer.pk}")
    assert capacity.seats_total == 8


def test_offer_past_its_end_date_is_unpublished_by_the_scheduler(section_a):
    offer = ServiceOfferPageFactory(section=section_a)
    ServiceOfferPage.objects.filter(pk=offer.pk).update(expire_at="2020-01-01T00:00:00Z")
    call_command("publish_scheduled")
    offer.refresh_from_db()
    assert not offer.live
    assert offer.expired


def test_editor_rejects_closing_before_opening_in_the_schedule(client, staff_a, section_a):
    client.force_login(staff_a)
    changes = {
        **offer_fields(),
        "schedule-TOTAL_FORMS": "1",
        "schedule-0-weekday": "1",
        "schedule-0-opens": "14:00",
        "schedule-0-closes": "09:00",
        "schedule-0-ORDER": "1",
    }
    response = post_editor(client, add_url(section_a), changes, "action-submit")
    assert response.status_code == 200
    assert _("The closing time must be after the opening time.") in response.content.decode()
    assert not ServiceOfferPage.objects.exists()


def test_editor_rejects_an_end_date_before_the_start_date(client, staff_a, section_a):
    client.force_login(staff_a)
    changes = {**offer_fields(), "valid_from": "2027-03-01", "valid_until": "2027-02-01"}
    response = post_editor(client, add_url(section_a), changes, "action-submit")
    assert _("The end date must be on or after the start date.") in response.content.decode()
    assert not ServiceOfferPage.objects.exists()


def test_location_entered_without_coordinates_gets_the_county_centre(client, staff_a, section_a):
    client.force_login(staff_a)
    changes = {
        **offer_fields(),
        "locations-TOTAL_FORMS": "1",
        "locations-0-name": "中原区服务站",
        "locations-0-address": "建设西路66号",
        "locations-0-jurisdiction": str(Jurisdiction.objects.get(code="410102").pk),
        "locations-0-ORDER": "1",
    }
    response = post_editor(client, add_url(section_a), changes, "action-submit")
    assert response.status_code == 302
    offer = ServiceOfferPage.objects.get(slug="jiuye-jineng").get_latest_revision_as_object()
    location = offer.locations.get()
    assert location.latitude == Jurisdiction.objects.get(code="410102").latitude


def test_provider_dashboard_offers_to_add_a_service(client, staff_a, section_a):
    client.force_login(staff_a)
    response = client.get(reverse("dashboard"))
    assert add_url(section_a) in response.content.decode()
