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


@pytest.fixture
def manager_client(client):
    from portal.organizations.services import agency_managers_group

    user = UserFactory(role=Role.AGENCY_MANAGER)
    user.groups.add(agency_managers_group())
    client.force_login(user)
    return client


def test_agency_managers_may_edit_but_not_delete_categories(manager_client):
    category = Category.objects.get(slug="legal-education")
    edit = reverse("wagtailsnippets_matching_category:edit", args=[category.pk])
    delete = reverse("wagtailsnippets_matching_category:delete", args=[category.pk])
    assert manager_client.get(reverse("wagtailsnippets_matching_category:list")).status_code == 200
    data = {
        "name": "法治教育",
        "name_en": "Law and rights",
        "slug": "legal-education",
        "description": "",
        "sort_order": 40,
        "is_active": "on",
    }
    assert manager_client.post(edit, data).status_code == 302
    assert manager_client.post(delete).status_code in (302, 403)
    category.refresh_from_db()
    assert category.name_en == "Law and rights"


def test_agency_managers_find_the_taxonomy_on_their_dashboard():
    from portal.dashboard import links_for

    titles = [str(link.title) for link in links_for(Role.AGENCY_MANAGER)]
    assert "服务类别" in titles or "Service categories" in titles
    assert "Service categories" not in [str(link.title) for link in links_for(Role.VOLUNTEER)]


def test_taxonomy_list_shows_active_as_an_icon_titled_in_the_readers_language(staff_client):
    Category.objects.update(is_active=True)
    response = staff_client.get(
        reverse("wagtailsnippets_matching_category:list"), HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    cells = [cell.split("</td>")[0] for cell in response.content.decode().split("<td")[1:]]
    assert not [cell for cell in cells if cell.strip().endswith(">True")]
    assert [cell for cell in cells if "icon-check" in cell and "是" in cell]
