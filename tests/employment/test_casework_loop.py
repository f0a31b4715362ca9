"""The closed loop with casework's real referrals: a sent referral becomes an application, and the
employer's steps move the referral to its outcome."""

import pytest

from django.urls import reverse
from django.utils import timezone

from casework.services import referral_create
from employment.models import JobApplication
from employment.services import application_transition
from employment.vocabulary import ApplicationState
from tests.factories.casework import (
    AssessedNeedFactory,
    SupervisedPersonFactory,
    category,
    person_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral(job, caseworker, office):
    person = SupervisedPersonFactory(
        judicial_office=office, caseworkers=[caseworker], given_name="建国", phone="13912345678"
    )
    return referral_create(
        actor=caseworker,
        person=person,
        offer_key=f"job:{job.pk}",
        need_category=category("employment-guidance"),
        shared_fields=["first_name"],
    )


def test_sent_referral_opens_an_application_with_only_the_consented_fields(referral, caseworker):
    application = JobApplication.objects.get(referral_id=referral.pk)
    assert application.created_by == caseworker
    shared = application.referral.shared_with_provider()
    assert shared["first_name"] == "建国"
    assert "phone" not in shared


def test_employer_steps_carry_the_referral_to_completed(referral, staff):
    application = JobApplication.objects.get(referral_id=referral.pk)
    for action, details in (
        ("schedule_interview", {"interview_at": timezone.now()}),
        ("offer", {}),
        ("hire", {"hired_on": timezone.localdate()}),
    ):
        application_transition(
            application_id=application.pk, action=action, actor=staff, details=details
        )
    referral.refresh_from_db()
    application.refresh_from_db()
    assert referral.state == "completed"
    assert application.state == ApplicationState.HIRED


def test_employer_never_sees_identity_number_offence_or_phone_not_consented(
    client, referral, staff
):
    need = AssessedNeedFactory(assessment__person=person_of(referral))
    application = JobApplication.objects.get(referral_id=referral.pk)
    client.force_login(staff)
    content = client.get(
        reverse("employment:application_detail", args=[application.pk])
    ).content.decode()
    person = person_of(referral)
    assert "建国" in content
    for secret in (
        person.identity_number,
        person.offense,
        "13912345678",
        person.family_name + "建国",
        need.assessment.summary,
        need.notes,
    ):
        assert secret not in content
