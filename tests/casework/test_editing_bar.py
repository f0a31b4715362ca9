"""Wagtail's editing bar is drawn on CMS pages only: on working screens it covered the filters."""

import pytest

from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories.cms import site_home
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db

USERBAR = "wagtail-userbar"


def test_the_matching_screen_has_no_editing_bar_for_a_caseworker_with_admin_access(
    client, caseworker, person
):
    caseworker.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(caseworker)

    page = client.get(reverse("casework:person_match", args=[person.pk]))

    assert page.status_code == 200
    assert USERBAR not in page.content.decode()


def test_a_cms_page_keeps_the_editing_bar_for_an_editor(client):
    home = site_home()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    page = client.get(home.url)

    assert page.status_code == 200
    assert USERBAR in page.content.decode()
