"""The offer editor: places are chosen through a searchable chooser, not 2,787-option selects."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.accounts.models import Role
from portal.organizations.models import Jurisdiction
from services_catalog.models import ServiceOfferPage
from tests.factories.portal import UserFactory
from tests.services_catalog.admin_forms import add_url, edit_url, offer_fields, post_editor

pytestmark = pytest.mark.django_db

CHOOSER = "place_chooser:choose"
RESULTS = "place_chooser:choose_results"
SEARCH = "place_search"


def service_area_select(text: str) -> str:
    start = text.index('name="service_area"')
    return text[start : text.index("</select>", start)]


def test_add_offer_page_no_longer_lists_every_place(client, staff_a, section_a):
    client.force_login(staff_a)

    response = client.get(add_url(section_a))

    text = response.content.decode()
    assert response.status_code == 200
    assert text.count("<option") < 600
    assert len(text) < 400_000
    assert reverse(CHOOSER) in text


def test_service_area_renders_no_place_until_chosen_and_offers_a_search(client, staff_a, section_a):
    client.force_login(staff_a)

    text = client.get(add_url(section_a)).content.decode()

    assert "<option" not in service_area_select(text)
    assert reverse(SEARCH) in text
    assert "林山寨街道" not in text


def test_offer_saves_several_service_areas_and_shows_them_with_their_county(
    client, staff_a, section_a
):
    client.force_login(staff_a)
    areas = Jurisdiction.objects.filter(code__in=["410102002", "410103", "410302001"])
    changes = {**offer_fields(), "service_area": [str(place.pk) for place in areas]}

    response = post_editor(client, add_url(section_a), changes, "action-submit")

    assert response.status_code == 302
    offer = ServiceOfferPage.objects.get(slug="jiuye-jineng")
    chosen = offer.get_latest_revision_as_object().service_area.all()
    assert sorted(place.code for place in chosen) == ["410102002", "410103", "410302001"]
    select = service_area_select(client.get(edit_url(offer)).content.decode())
    assert select.count("<option") == 3
    assert "建设路街道（中原区）" in select


def test_unknown_service_area_is_refused_and_nothing_saved(client, staff_a, section_a):
    client.force_login(staff_a)
    changes = {**offer_fields(), "service_area": ["999999999"]}

    response = post_editor(client, add_url(section_a), changes, "action-submit")

    assert response.status_code == 200
    assert "service_area" in response.context["form"].errors
    assert not ServiceOfferPage.objects.exists()


def test_place_search_labels_each_place_with_its_county(client, staff_a):
    client.force_login(staff_a)

    results = client.get(reverse(SEARCH), {"q": "建设路"}).json()["results"]

    labels = [result["label"] for result in results]
    assert "建设路街道（中原区）" in labels
    assert all("（" in label for label in labels)
    assert 1 < len(results) <= 20
    chosen = Jurisdiction.objects.get(pk=results[labels.index("建设路街道（中原区）")]["id"])
    assert chosen.code == "410102002"


def test_place_search_finds_a_county_and_its_townships(client, staff_a):
    client.force_login(staff_a)

    labels = [r["label"] for r in client.get(reverse(SEARCH), {"q": "中原区"}).json()["results"]]

    assert labels[:2] == ["中原区（郑州市）", "林山寨街道（中原区）"]


def test_place_search_without_a_query_returns_nothing(client, staff_a):
    client.force_login(staff_a)

    assert client.get(reverse(SEARCH), {"q": " "}).json() == {"results": []}


@pytest.mark.parametrize("role", [None, Role.VOLUNTEER])
def test_visitors_and_volunteers_cannot_search_places(client, role):
    if role:
        client.force_login(UserFactory(role=role))

    response = client.get(reverse(SEARCH), {"q": "建设路"})

    assert response.status_code in (302, 403)
    assert "建设路" not in response.content.decode()


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


def test_place_search_queries_do_not_grow_with_the_results(
    client, staff_a, django_assert_max_num_queries
):
    client.force_login(staff_a)
    url = reverse(SEARCH)
    assert len(client.get(url, {"q": "410102002"}).json()["results"]) == 1
    with CaptureQueriesContext(connection) as one:
        client.get(url, {"q": "410102002"})
    few = len(one)  # read now: the next request clears the connection's query log

    assert len(client.get(url, {"q": "街道"}).json()["results"]) == 20
    with django_assert_max_num_queries(few, info="place search with 20 results"):
        client.get(url, {"q": "街道"})
