"""The employment links on each role's dashboard."""

import pytest

from django.urls import reverse

from portal.accounts.models import Role
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


def dashboard_urls(client, user) -> dict[str, object]:
    client.force_login(user)
    links = client.get(reverse("dashboard")).context["links"]
    return {item["url"]: item["count"] for item in links}


def test_employer_staff_publish_jobs_and_follow_applications(client, staff, section, application):
    urls = dashboard_urls(client, staff)
    add = reverse("wagtailadmin_pages:add", args=("employment", "jobofferpage", section.pk))
    assert add in urls
    assert urls[reverse("employment:application_list")] == 1
    assert reverse("employment:follow_up_list") in urls


def test_caseworker_sees_follow_ups_due_but_no_reports(client, caseworker):
    urls = dashboard_urls(client, caseworker)
    assert reverse("employment:follow_up_list") in urls
    assert reverse("reports:index") not in urls


def test_oversight_sees_the_reports_but_no_applications(client):
    urls = dashboard_urls(client, UserFactory(role=Role.OVERSIGHT))
    assert reverse("reports:index") in urls
    assert reverse("employment:application_list") not in urls
