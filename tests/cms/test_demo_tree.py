"""The demo builds the page tree in place: provider sections are made under the home page, so
that pages added to them later (volunteer opportunities) have live URLs."""

import pytest

from django.core.management import call_command

from portal import demo
from volunteers.models import VolunteerOpportunityPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def up_to_volunteering(monkeypatch):
    chosen = [
        seeder for seeder in demo.seeders() if seeder.order <= 60 or seeder.order in (200, 210)
    ]
    monkeypatch.setattr("portal.management.commands.seed_demo.seeders", lambda: chosen)


def test_demo_volunteer_opportunities_have_a_live_url(settings, up_to_volunteering):
    settings.DEBUG = True
    call_command("seed_demo")

    opportunities = list(VolunteerOpportunityPage.objects.all())
    assert opportunities
    for opportunity in opportunities:
        parent = opportunity.get_parent()
        assert opportunity.url_path == f"{parent.url_path}{opportunity.slug}/"
        assert opportunity.url
