"""Each organization's staff see and change only their own section; publishing needs approval."""

import pytest

from django.urls import reverse

from services_catalog.models import ServiceOfferPage
from tests.factories.services_catalog import ServiceOfferPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer_b(section_b):
    return ServiceOfferPageFactory(section=section_b, title="洛阳就业指导")


def test_staff_can_open_own_section_in_the_admin(client, staff_a, section_a):
    client.force_login(staff_a)
    response = client.get(reverse("wagtailadmin_explore", args=[section_a.pk]))
    assert response.status_code == 200


def test_staff_cannot_explore_another_organizations_section(client, staff_a, section_b, offer_b):
    client.force_login(staff_a)
    response = client.get(reverse("wagtailadmin_explore", args=[section_b.pk]))
    assert response.status_code in (302, 403)
    assert "洛阳就业指导" not in response.content.decode()


def test_staff_cannot_edit_another_organizations_offer(client, staff_a, offer_b):
    client.force_login(staff_a)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[offer_b.pk]))
    assert response.status_code in (302, 403)
    assert not offer_b.permissions_for_user(staff_a).can_edit()


def test_staff_cannot_add_an_offer_under_another_section(client, staff_a, section_b):
    client.force_login(staff_a)
    url = reverse(
        "wagtailadmin_pages:add", args=["services_catalog", "serviceofferpage", section_b.pk]
    )
    assert client.get(url).status_code in (302, 403)
    assert not section_b.permissions_for_user(staff_a).can_add_subpage()


def test_staff_can_edit_own_offer_but_not_publish_it(client, staff_a, section_a):
    offer = ServiceOfferPageFactory(section=section_a)
    client.force_login(staff_a)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[offer.pk])).status_code == 200
    permissions = offer.permissions_for_user(staff_a)
    assert permissions.can_edit()
    assert not permissions.can_publish()


def test_staff_cannot_unpublish_own_offer(client, staff_a, section_a):
    offer = ServiceOfferPageFactory(section=section_a)
    client.force_login(staff_a)
    client.post(reverse("wagtailadmin_pages:unpublish", args=[offer.pk]))
    assert ServiceOfferPage.objects.get(pk=offer.pk).live


def test_agency_manager_can_unpublish_an_offer(client, manager, section_a):
    offer = ServiceOfferPageFactory(section=section_a)
    client.force_login(manager)
    client.post(reverse("wagtailadmin_pages:unpublish", args=[offer.pk]))
    assert not ServiceOfferPage.objects.get(pk=offer.pk).live
