import pytest

from django.urls import reverse

from portal.accounts.models import Role
from portal.organizations.models import VerificationStatus
from portal.organizations.services import organization_verify
from tests.factories.portal import MembershipFactory, UserFactory, user_with_role

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("dashboard")


def titles(client) -> list[str]:
    return [str(item["link"].title) for item in client.get(DASHBOARD).context["links"]]


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and reverse("account_login") in response.url


def test_caseworker_sees_agency_and_judicial_office(client):
    caseworker = user_with_role(Role.CASEWORKER)
    client.force_login(caseworker)
    page = client.get(DASHBOARD).content.decode()
    assert caseworker.staff_assignment.agency.name in page
    assert caseworker.staff_assignment.judicial_office.name in page


def test_agency_manager_sees_verification_with_pending_count(english):
    MembershipFactory(organization__status=VerificationStatus.UNVERIFIED)
    english.force_login(user_with_role(Role.AGENCY_MANAGER))
    links = {str(item["link"].title): item for item in english.get(DASHBOARD).context["links"]}
    assert links["Verify organizations"]["count"] == 1
    assert {"Manage staff", "Audit log"} <= set(links)


def test_oversight_reads_but_does_not_decide(english):
    english.force_login(user_with_role(Role.OVERSIGHT))
    shown = titles(english)
    assert "Audit log" in shown and "Registered organizations" in shown
    assert "Verify organizations" not in shown and "Manage staff" not in shown


def test_unverified_provider_sees_status_but_no_page_editing(english):
    membership = MembershipFactory(organization__status=VerificationStatus.UNVERIFIED)
    english.force_login(membership.user)
    response = english.get(DASHBOARD)
    assert "Awaiting verification" in response.content.decode()
    assert "Edit our pages" not in titles(english)


def test_verified_provider_is_sent_to_its_own_section_in_wagtail(english):
    membership = MembershipFactory(organization__status=VerificationStatus.UNVERIFIED)
    section = organization_verify(
        organization=membership.organization, actor=user_with_role(Role.AGENCY_MANAGER)
    )
    english.force_login(membership.user)
    links = {
        str(item["link"].title): item["url"] for item in english.get(DASHBOARD).context["links"]
    }
    assert links["Edit our pages"] == reverse("wagtailadmin_explore", args=[section.pk])
    assert english.get(links["Edit our pages"]).status_code == 200


def test_superuser_sees_administration_and_every_manager_task(english):
    english.force_login(UserFactory(is_superuser=True, is_staff=True, role=""))
    shown = titles(english)
    assert {
        "System administration",
        "Verify organizations",
        "Manage staff",
        "Audit log",
        "Edit the website",
    } <= set(shown)


def test_volunteer_sees_no_staff_task(english):
    english.force_login(user_with_role(Role.VOLUNTEER))
    shown = titles(english)
    assert "Account settings" in shown
    assert not {"Verify organizations", "Manage staff", "Audit log", "Edit the website"} & set(
        shown
    )


def test_dashboard_renders_in_chinese_by_default(client):
    client.force_login(user_with_role(Role.AGENCY_MANAGER))
    page = client.get(DASHBOARD).content.decode()
    assert "审核机构" in page and "审计日志" in page
