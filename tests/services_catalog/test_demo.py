"""The catalog demo: dozens of published offers across Henan, safe to run twice."""

import pytest

from portal.demo import DemoContext, seeders
from services_catalog.models import ServiceOfferPage

pytestmark = pytest.mark.django_db


def run_demo() -> None:
    context = DemoContext(write=lambda line: None, show_passwords=False)
    for seeder in seeders():
        if seeder.order < 100 or seeder.name.startswith("services_catalog"):
            seeder.run(context)


def test_demo_publishes_offers_across_several_cities_and_runs_twice_without_duplicates():
    run_demo()
    live = ServiceOfferPage.objects.live()
    count = live.count()
    cities = {offer.locations.first().jurisdiction.parent.code for offer in live}
    run_demo()
    assert count >= 24
    assert len(cities) >= 4
    assert ServiceOfferPage.objects.live().count() == count
    assert ServiceOfferPage.objects.filter(live=False).count() == 1
