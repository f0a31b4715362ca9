"""The volunteers demo: every screening stage, opportunities, shifts, hours; safe to run twice."""

import pytest

from portal.demo import DemoContext, seeders
from volunteers.models import (
    HoursEntry,
    HoursStatus,
    ScreeningStatus,
    ScreeningStep,
    Shift,
    SignUp,
    SignUpStatus,
    VolunteerOpportunityPage,
    VolunteerProfile,
)

pytestmark = pytest.mark.django_db

MODELS = [VolunteerProfile, ScreeningStep, VolunteerOpportunityPage, Shift, SignUp, HoursEntry]


def run_demo() -> None:
    context = DemoContext(write=lambda line: None, show_passwords=True)
    for seeder in seeders():
        if seeder.name.startswith(("kernel", "volunteers")):
            seeder.run(context)


def test_demo_covers_every_stage_and_runs_twice_without_duplicates():
    run_demo()
    counts = [model.objects.count() for model in MODELS]
    run_demo()
    assert [model.objects.count() for model in MODELS] == counts
    assert set(VolunteerProfile.objects.values_list("status", flat=True)) == set(
        ScreeningStatus.values
    )
    assert VolunteerOpportunityPage.objects.live().count() == 3
    assert set(SignUp.objects.values_list("status", flat=True)) >= {
        SignUpStatus.CONFIRMED,
        SignUpStatus.WAITLISTED,
    }
    assert set(HoursEntry.objects.values_list("status", flat=True)) == {
        HoursStatus.APPROVED,
        HoursStatus.PENDING,
    }


def test_demo_volunteers_have_the_history_of_their_stage():
    run_demo()
    retired = VolunteerProfile.objects.get(status=ScreeningStatus.RETIRED)
    assert list(retired.screening_steps.order_by("pk").values_list("to_status", flat=True)) == [
        ScreeningStatus.DOCUMENTS_CHECKED,
        ScreeningStatus.TRAINING_COMPLETED,
        ScreeningStatus.APPROVED,
        ScreeningStatus.ACTIVE,
        ScreeningStatus.RETIRED,
    ]
    assert not VolunteerProfile.objects.get(status=ScreeningStatus.APPLIED).screening_steps.exists()
