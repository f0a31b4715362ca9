"""The township centres shipped from GeoNames: valid to the last row, loaded once by the demo,
and where the demo's offers and jobs sit (every one at a real point)."""

import csv
from decimal import Decimal

import pytest

from django.core.management import call_command

from employment.demo import DEMO_JOBS, PENDING_JOB, _job_point
from portal import demo
from portal.accounts.models import User
from portal.audit.models import AuditEntry
from portal.demo import demo_point, township_in
from portal.organizations.demo import DEMO_ORGANIZATIONS
from portal.organizations.models import Jurisdiction
from portal.organizations.selectors import townships_with_own_centre
from portal.organizations.services import (
    SHIPPED_CENTRES,
    shipped_township_centres_load,
    township_centres_set,
)
from services_catalog.models import OfferLocation
from services_catalog.selectors import haversine_km

pytestmark = pytest.mark.django_db


def shipped_rows() -> list[dict[str, str]]:
    with SHIPPED_CENTRES.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def points() -> dict[str, tuple]:
    return {
        place.code: (place.latitude, place.longitude)
        for place in Jurisdiction.objects.filter(level="township")
    }


@pytest.fixture
def up_to_offers(monkeypatch):
    """The kernel's seeders and the service offers', the ones that place offers."""
    wanted = [seeder for seeder in demo.seeders() if seeder.order <= 120]
    monkeypatch.setattr("portal.management.commands.seed_demo.seeders", lambda: wanted)


def test_every_row_of_the_shipped_file_passes_the_checks():
    rows = shipped_rows()

    assert len(rows) >= 150
    assert township_centres_set(rows=rows, source="GeoNames, CC BY 4.0") == len(rows)
    assert set(townships_with_own_centre().values_list("code", flat=True)) == {
        row["code"] for row in rows
    }


def test_the_shipped_centres_are_loaded_once_and_the_second_load_changes_nothing():
    assert shipped_township_centres_load() == len(shipped_rows())
    loaded = points()

    assert shipped_township_centres_load() == 0

    assert points() == loaded
    entry = AuditEntry.objects.get(action="jurisdiction.centres_set")
    assert "GeoNames" in entry.detail["source"] and "CC BY 4.0" in entry.detail["source"]


def test_a_deployments_own_centres_are_never_replaced():
    own = {"code": "411303103", "longitude": "112.400000", "latitude": "33.100000"}
    township_centres_set(rows=[own], source="县民政局提供（授权使用）")
    before = points()

    assert shipped_township_centres_load() == 0

    assert points() == before


def test_demo_offers_go_to_townships_that_have_their_own_centre():
    county = Jurisdiction.objects.get(code="411303")
    shipped_township_centres_load()

    for key in range(12):
        township = township_in(county, key)
        assert township in townships_with_own_centre()
        assert demo_point(township, key) == (township.latitude, township.longitude)
        assert demo_point(township, key) != (county.latitude, county.longitude)


def test_a_county_with_fewer_own_centres_keeps_its_offers_spread_over_all_townships():
    county = Jurisdiction.objects.get(code="410325")  # 洛阳市嵩县: two townships with their own
    shipped_township_centres_load()
    townships = county.children.filter(level="township").count()
    assert townships_with_own_centre().filter(parent=county).count() == 2

    assert {township_in(county, key) for key in range(townships)} == set(
        county.children.filter(level="township")
    )


def test_after_seeding_offers_sit_at_real_township_centres_and_twice_changes_nothing(
    settings, up_to_offers
):
    settings.DEBUG = True
    call_command("seed_demo")
    placed = {
        location.pk: (location.latitude, location.longitude)
        for location in OfferLocation.objects.all()
    }
    own = set(townships_with_own_centre())
    at_centres = [
        location
        for location in OfferLocation.objects.select_related("jurisdiction__parent")
        if location.jurisdiction in own
    ]

    assert at_centres
    for location in at_centres:
        township = location.jurisdiction
        assert (location.latitude, location.longitude) == (township.latitude, township.longitude)
        assert (township.latitude, township.longitude) != (
            township.parent.latitude,
            township.parent.longitude,
        )
    centres = points()
    call_command("seed_demo")
    assert points() == centres
    assert AuditEntry.objects.filter(action="jurisdiction.centres_set").count() == 1
    assert {
        location.pk: (location.latitude, location.longitude)
        for location in OfferLocation.objects.all()
    } == placed


def shipped_points() -> dict[str, tuple[Decimal, Decimal]]:
    return {
        row["code"]: (Decimal(row["latitude"]), Decimal(row["longitude"])) for row in shipped_rows()
    }


def test_every_demo_offer_sits_at_a_shipped_township_centre_at_differing_distances(
    settings, up_to_offers
):
    """The demo's counties have many GeoNames points: no offer is left at an invented one, and
    the caseworker's persons (at their office's township, a real point too) are at differing
    distances from the nearest offers, not all at 0.0 km."""
    settings.DEBUG = True
    call_command("seed_demo")
    centres = shipped_points()
    locations = list(OfferLocation.objects.select_related("jurisdiction"))
    office = User.objects.get(email="caseworker@demo.cn").staff_assignment.judicial_office
    home = office.jurisdiction  # where the office's persons live (SupervisedPerson.jurisdiction)
    distances = sorted(
        haversine_km(*map(float, (home.latitude, home.longitude, o.latitude, o.longitude)))
        for o in locations
    )[:5]

    assert len(locations) >= 32
    for location in locations:
        point = (location.latitude, location.longitude)
        assert centres.get(location.jurisdiction.code) == point, location.name
    assert office.agency.jurisdiction.code == "410422"  # 平顶山市叶县
    assert centres.get(home.code) == (home.latitude, home.longitude)
    assert len({round(km, 1) for km in distances}) > 1


def test_demo_jobs_sit_at_shipped_township_centres_of_their_employers_county():
    shipped_township_centres_load()
    centres = set(shipped_points().values())
    county_of = {row[0]: row[2] for row in DEMO_ORGANIZATIONS}

    for employer, slug, *_rest in [*DEMO_JOBS, PENDING_JOB]:
        county = Jurisdiction.objects.get(code=county_of[employer])
        assert _job_point(county, slug) in centres, slug
