"""The casework demo (made smaller here): persons with valid numbers, sealed ones, referrals in
every state, and safe to run twice."""

import pytest

from casework.models import NeedsAssessment, SupervisedPerson
from matching.models import Referral, ReferralState
from portal.demo import DemoContext, seeders
from portal.identity import validate_identity_number
from portal.organizations.models import JudicialOffice

pytestmark = pytest.mark.django_db


def run_demo() -> None:
    context = DemoContext(write=lambda line: None, show_passwords=True)
    for seeder in seeders():
        if seeder.name.startswith(("kernel", "services_catalog", "casework")):
            seeder.run(context)


def test_demo_has_persons_and_referrals_in_every_state_and_runs_twice(monkeypatch):
    monkeypatch.setattr("casework.demo.PERSONS_PER_OFFICE", 6)
    run_demo()
    counts = (SupervisedPerson.objects.count(), Referral.objects.count())
    run_demo()
    assert (SupervisedPerson.objects.count(), Referral.objects.count()) == counts
    assert counts[0] == 6 * JudicialOffice.objects.count()
    assert SupervisedPerson.objects.filter(is_juvenile=True).exists()
    assert NeedsAssessment.objects.filter(version=2).exists()
    assert set(Referral.objects.values_list("state", flat=True)) == set(ReferralState.values)
    for person in SupervisedPerson.objects.order_by("?")[:20]:
        validate_identity_number(person.identity_number)
