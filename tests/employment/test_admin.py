"""Wagtail screens: job fairs as snippets."""

import pytest

from django.urls import reverse

from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


def test_superuser_lists_job_fairs_in_the_admin(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True, role=""))
    response = client.get(reverse("wagtailsnippets_employment_jobfair:list"))
    assert response.status_code == 200


def test_employer_staff_cannot_manage_job_fairs(client, staff):
    client.force_login(staff)
    response = client.get(reverse("wagtailsnippets_employment_jobfair:add"))
    assert response.status_code in (302, 403)


def test_agency_manager_manages_job_fairs(client, manager):
    from portal.organizations.services import agency_managers_group

    agency_managers_group().user_set.add(manager)
    client.force_login(manager)
    assert client.get(reverse("wagtailsnippets_employment_jobfair:add")).status_code == 200
