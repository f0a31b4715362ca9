"""The offer editor: places are chosen through a searchable chooser, not 2,787-option selects."""

import pytest

from django.urls import reverse

from portal.organizations.models import Jurisdiction
from tests.services_catalog.admin_forms import add_url

pytestmark = pytest.mark.django_db

CHOOSER = "place_chooser:choose"
RESULTS = "place_chooser:choose_results"


def test_add_offer_page_no_longer_lists_every_place(client, staff_a, section_a):
    client.force_login(staff_a)

    response = client.get(add_url(section_a))

    text = response.content.decode()
    assert response.status_code == 200
    assert text.count("<option") < 600
    assert len(text) < 400_000
    assert reverse(CHOOSER) in text


def test_service_area_lists_counties_by_full_name_not_townships(client, staff_a, section_a):
    client.force_login(staff_a)

    text = client.get(add_url(section_a)).content.decode()

    assert "郑州市中原区" in text
    assert "林山寨街道" not in text


def test_place_chooser_finds_townships_by_name_with_their_county(client, staff_a):
    client.force_login(staff_a)

    response = client.get(reverse(RESULTS), {"q": "建设路"})

    text = response.content.decode()
    assert response.status_code == 200
    assert "郑州市中原区建设路街道" in text


def test_place_chooser_finds_the_townships_of_a_county(client, staff_a):
    client.force_login(staff_a)

    response = client.get(reverse(RESULTS), {"q": "中原区"})

    assert "郑州市中原区林山寨街道" in response.content.decode()


def test_chosen_place_is_returned_with_its_full_name(client, staff_a):
    client.force_login(staff_a)
    township = Jurisdiction.objects.get(code="410102002")

    response = client.get(reverse("place_chooser:chosen", args=[township.pk]))

    assert response.json()["result"]["title"] == "郑州市中原区建设路街道"


def test_visitors_cannot_open_the_place_chooser(client):
    response = client.get(reverse(CHOOSER))

    assert response.status_code == 302
