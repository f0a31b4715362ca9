"""Changes made through the screens: transfer, assessment and plan versions, shortlist, tasks."""

from datetime import timedelta

import pytest

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from casework.models import ExecutionTransfer, ShortlistEntry
from casework.tasks import flag_overdue_referrals
from matching.models import Referral
from portal.audit.models import AuditEntry
from tests.factories.casework import category
from tests.factories.portal import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_caseworker(client, caseworker):
    client.login(email=caseworker.email, password=PASSWORD)
    return client


def test_transfer_screen_asks_for_approval_and_moves_nothing(as_caseworker, person, office_b):
    response = as_caseworker.post(
        reverse("casework:person_transfer", args=[person.pk]),
        {
            "to_agency": office_b.agency.pk,
            "to_office": office_b.pk,
            "transferred_on": "2025-07-01",
            "reason": "迁居",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:person_detail", args=[person.pk])
    assert not ExecutionTransfer.objects.exists()
    assert AuditEntry.objects.filter(action="casework.transfer.request").exists()


def test_transfer_to_an_office_of_another_agency_is_refused(
    english, caseworker, person, other_agency
):
    from tests.factories.portal import JudicialOfficeFactory

    foreign = JudicialOfficeFactory(agency=other_agency)
    english.login(email=caseworker.email, password=PASSWORD)
    response = english.post(
        reverse("casework:person_transfer", args=[person.pk]),
        {
            "to_agency": person.agency.pk,
            "to_office": foreign.pk,
            "transferred_on": "2025-07-01",
            "reason": "迁居",
        },
    )
    assert response.status_code == 200
    assert "does not belong" in str(response.context["form"].errors)
    assert not ExecutionTransfer.objects.exists()


def test_assessment_screen_adds_a_version_prefilled_from_the_last(as_caseworker, person):
    url = reverse("casework:assessment_create", args=[person.pk])
    form = as_caseworker.get(url).context["form"]
    assert form.initial["priority_psychological-counseling"] == "5"
    response = as_caseworker.post(
        url,
        {
            "assessed_at": "2025-09-01",
            "priority_psychological-counseling": "3",
            "priority_employment-guidance": "5",
            "notes_employment-guidance": "希望找到工作",
        },
    )
    assert response.status_code == 302
    latest = person.assessments.order_by("-version").first()
    assert latest.version == 2
    assert {need.category.slug: need.priority for need in latest.needs.all()} == {
        "psychological-counseling": 3,
        "employment-guidance": 5,
    }
    assert person.assessments.get(version=1).needs.get().priority == 5


def test_assessment_without_any_need_is_refused(english, caseworker, person):
    english.login(email=caseworker.email, password=PASSWORD)
    response = english.post(
        reverse("casework:assessment_create", args=[person.pk]),
        {"assessed_at": "2025-09-01", "priority_psychological-counseling": ""},
    )
    assert response.status_code == 200
    assert "at least one need" in response.content.decode()
    assert person.assessments.count() == 1


def test_plan_screen_adds_a_version_with_goals(as_caseworker, person):
    response = as_caseworker.post(
        reverse("casework:plan_create", args=[person.pk]),
        {
            "valid_from": "2025-03-01",
            "summary": "第一版",
            "goals-TOTAL_FORMS": "2",
            "goals-INITIAL_FORMS": "0",
            "goals-MIN_NUM_FORMS": "0",
            "goals-MAX_NUM_FORMS": "20",
            "goals-0-description": "稳定就业",
            "goals-0-review_on": "2025-06-01",
            "goals-1-description": "",
            "goals-1-review_on": "",
        },
    )
    assert response.status_code == 302
    plan = person.plans.get()
    assert [goal.description for goal in plan.goals.all()] == ["稳定就业"]
    page = as_caseworker.get(reverse("casework:plan_detail", args=[person.pk, 1]))
    assert "稳定就业" in page.content.decode()


def test_plan_with_a_review_before_the_start_is_refused(english, caseworker, person):
    english.login(email=caseworker.email, password=PASSWORD)
    response = english.post(
        reverse("casework:plan_create", args=[person.pk]),
        {
            "valid_from": "2025-03-01",
            "goals-TOTAL_FORMS": "1",
            "goals-INITIAL_FORMS": "0",
            "goals-MIN_NUM_FORMS": "0",
            "goals-MAX_NUM_FORMS": "20",
            "goals-0-description": "稳定就业",
            "goals-0-review_on": "2025-01-01",
        },
    )
    assert response.status_code == 200
    assert "review date cannot be before" in response.content.decode()
    assert not person.plans.exists()


def test_shortlist_add_and_remove(as_caseworker, person, offer):
    url = reverse("casework:shortlist_change", args=[person.pk])
    as_caseworker.post(url, {"offer_key": offer.key})
    as_caseworker.post(url, {"offer_key": offer.key})
    assert ShortlistEntry.objects.filter(person=person).count() == 1
    page = as_caseworker.get(reverse("casework:person_detail", args=[person.pk]))
    assert offer.title in page.content.decode()
    as_caseworker.post(url, {"offer_key": offer.key, "remove": "1"})
    assert not ShortlistEntry.objects.exists()


def test_other_office_cannot_shortlist(client, other_caseworker, person, offer):
    client.login(email=other_caseworker.email, password=PASSWORD)
    response = client.post(
        reverse("casework:shortlist_change", args=[person.pk]), {"offer_key": offer.key}
    )
    assert response.status_code == 404
    assert not ShortlistEntry.objects.exists()


def test_save_a_draft_then_send_it_from_the_referral_screen(as_caseworker, person, offer):
    as_caseworker.post(
        reverse("casework:refer", args=[person.pk]),
        {
            "offer_key": offer.key,
            "need_category": category().pk,
            "shared_fields": ["first_name"],
            "consent": "on",
        },
    )
    referral = Referral.objects.get()
    assert referral.state == "draft"
    as_caseworker.post(reverse("casework:referral_transition", args=[referral.pk, "send"]))
    referral.refresh_from_db()
    assert referral.state == "sent"


def test_the_background_task_flags_overdue_referrals(sent_referral, settings):
    Referral.objects.filter(pk=sent_referral.pk).update(
        sent_at=timezone.now() - timedelta(days=settings.REFERRAL_RESPONSE_DAYS + 2)
    )
    result = flag_overdue_referrals.enqueue()
    assert result.return_value == 1
    assert mail.outbox
    sent_referral.refresh_from_db()
    assert sent_referral.overdue_flagged_at is not None


def test_overdue_referral_is_counted_on_both_dashboards(
    client, caseworker, provider, sent_referral, settings
):
    Referral.objects.filter(pk=sent_referral.pk).update(
        sent_at=timezone.now() - timedelta(days=settings.REFERRAL_RESPONSE_DAYS + 2)
    )
    flag_overdue_referrals.enqueue()
    for user, url in ((caseworker, "casework:referral_list"), (provider, "casework:inbox")):
        client.login(email=user.email, password=PASSWORD)
        links = client.get(reverse("dashboard")).context["links"]
        overdue = [item for item in links if item["url"] == reverse(url) + "?overdue=true"]
        assert overdue[0]["count"] == 1
        page = client.get(reverse(url), {"overdue": "true"}).content.decode()
        assert sent_referral.offer_title in page
