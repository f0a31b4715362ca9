"""Nearest first without a chosen county: from a caseworker's agency county, else said so;
demo offers sit at township centres so that distances differ."""

import pytest

from django.urls import reverse

from portal.accounts.models import Role
from portal.demo import demo_point, township_in
from portal.organizations.models import Jurisdiction, JurisdictionLevel
from services_catalog.demo import TEMPLATES, _children
from services_catalog.models import ServiceOfferPage
from services_catalog.selectors import haversine_km
from tests.factories.portal import OrganizationFactory, user_with_role
from tests.factories.services_catalog import ServiceOfferPageFactory

pytestmark = pytest.mark.django_db

CATALOG = reverse("services_catalog:catalog")


@pytest.fixture
def far_and_near(section_a, section_b):
    far = ServiceOfferPageFactory(section=section_b, title="洛阳的服务", jurisdiction_code="410303")
    near = ServiceOfferPageFactory(
        section=section_a, title="中原区的服务", jurisdiction_code="410102"
    )
    return far, near


def test_visitor_asking_nearest_first_without_a_county_is_told_so(client, far_and_near):
    response = client.get(CATALOG, {"sort": "nearest"})

    assert response.context["nearest_without_origin"]
    assert "“由近及远”排序需要一个起点" in response.content.decode()


def test_caseworker_nearest_first_measures_from_the_agency_county(client, far_and_near):
    caseworker = user_with_role(Role.CASEWORKER)  # agency of 郑州市中原区 (410102)
    client.force_login(caseworker)

    response = client.get(CATALOG, {"sort": "nearest"})

    items = response.context["page_obj"].object_list
    assert [item.title for item in items] == ["中原区的服务", "洛阳的服务"]
    assert items[1].distance_km > 50
    assert response.context["origin_is_agency"]
    assert not response.context["nearest_without_origin"]


def test_chosen_county_wins_over_the_agency_county(client, far_and_near):
    client.force_login(user_with_role(Role.CASEWORKER))

    response = client.get(CATALOG, {"sort": "nearest", "near": "410303"})

    assert response.context["page_obj"].object_list[0].title == "洛阳的服务"
    assert not response.context["origin_is_agency"]


def test_township_in_picks_a_township_of_the_county():
    county = Jurisdiction.objects.get(code="410102")

    township = township_in(county, "counseling")

    assert township.parent == county
    assert township.level == JurisdictionLevel.TOWNSHIP
    assert township_in(county, "counseling") == township


def test_demo_point_is_a_few_kilometres_from_the_centre_and_stable():
    county = Jurisdiction.objects.get(code="410102")

    point = demo_point(county, "counseling")

    distance = haversine_km(float(county.latitude), float(county.longitude), *map(float, point))
    assert 1.5 < distance < 9.5
    assert demo_point(county, "counseling") == point


def test_demo_offers_sit_at_different_township_centres():
    organization = OrganizationFactory(jurisdiction=Jurisdiction.objects.get(code="410102"))
    places = set()
    for slug in ("counseling", "family", "legal"):
        offer = ServiceOfferPage(title=slug, slug=slug)
        _children(offer, TEMPLATES[slug], organization)
        location = offer.locations.all()[0]
        assert location.jurisdiction.level == JurisdictionLevel.TOWNSHIP
        assert location.latitude is not None
        places.add((location.latitude, location.longitude))
    assert len(places) == 3
