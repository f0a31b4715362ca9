"""The employment demo: applications at every stage, follow-ups, and safe to run twice."""

import pytest

from employment.models import FollowUp, JobApplication, JobFair, JobOfferPage
from employment.vocabulary import ApplicationState, FollowUpOutcome
from portal.demo import DemoContext, seeders

pytestmark = pytest.mark.django_db


def run_demo() -> None:
    context = DemoContext(write=lambda line: None, show_passwords=True)
    for seeder in seeders():
        if seeder.name.startswith(("kernel", "employment")):
            seeder.run(context)


def test_demo_has_applications_at_every_stage_and_runs_twice():
    run_demo()
    counts = (
        JobOfferPage.objects.count(),
        JobApplication.objects.count(),
        FollowUp.objects.count(),
        JobFair.objects.count(),
    )
    run_demo()
    assert (
        JobOfferPage.objects.count(),
        JobApplication.objects.count(),
        FollowUp.objects.count(),
        JobFair.objects.count(),
    ) == counts
    states = set(JobApplication.objects.values_list("state", flat=True))
    assert states == set(ApplicationState.values)
    outcomes = set(FollowUp.objects.values_list("outcome", flat=True))
    assert outcomes == set(FollowUpOutcome.values)
