"""Staff edit the service-category taxonomy in the Wagtail admin."""

import pytest

from django.urls import reverse

from matching.models import Category
from portal.accounts.models import Role
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    user = UserFactory(role=Role.AGENCY_MANAGER, is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def test_staff_see_the_taxonomy(staff_client):
    response = staff_client.get(reverse("wagtailsnippets_matching_category:list"))
    assert response.status_code == 200
    assert "心理咨询" in response.content.decode()


def test_staff_search_the_taxonomy(staff_client):
    url = reverse("wagtailsnippets_matching_category:list")
    response = staff_client.get(url, {"q": "法治"})
    content = response.content.decode()
    assert "法治教育" in content
    assert "心理咨询" not in content


def test_staff_add_a_category(staff_client):
    response = staff_client.post(
        reverse("wagtailsnippets_matching_category:add"),
        {
            "name": "戒毒康复",
            "name_en": "Drug rehabilitation",
            "slug": "drug-rehabilitation",
            "description": "",
            "sort_order": 120,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert Category.objects.get(slug="drug-rehabilitation").name == "戒毒康复"


def test_duplicate_category_name_is_refused(staff_client):
    response = staff_client.post(
        reverse("wagtailsnippets_matching_category:add"),
        {"name": "心理咨询", "slug": "counseling-again", "sort_order": 1},
    )
    assert response.status_code == 200
    assert not Category.objects.filter(slug="counseling-again").exists()


def test_people_without_admin_access_cannot_edit_the_taxonomy(client):
    client.force_login(UserFactory(role=Role.CASEWORKER))
    response = client.get(reverse("wagtailsnippets_matching_category:list"))
    assert response.status_code in (302, 403)
