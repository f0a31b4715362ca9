import re

import pytest
from allauth.account.models import EmailAddress

from django.core import mail
from django.urls import reverse

from portal.accounts.models import Role, User
from portal.accounts.roles import requires_mfa
from portal.audit.models import AuditEntry
from portal.organizations.models import StaffAssignment
from portal.organizations.services import AGENCY_MANAGERS_GROUP
from tests.factories.portal import (
    PASSWORD,
    CorrectionsAgencyFactory,
    JudicialOfficeFactory,
    UserFactory,
    jurisdiction,
    mfa_enroll,
    totp_code,
    user_with_role,
)

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")


def signup(client, **overrides):
    data = {
        "email": "Helper@Example.cn",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "last_name": "孙",
        "first_name": "志愿",
        "phone": "13800000001",
    }
    data.update(overrides)
    return client.post(reverse("account_signup"), data)


def confirmation_link() -> str:
    return re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)


def test_public_signup_creates_an_unverified_volunteer(client):
    response = signup(client)
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get(email="helper@example.cn")
    assert (user.role, user.last_name, user.first_name, user.phone) == (
        Role.VOLUNTEER,
        "孙",
        "志愿",
        "13800000001",
    )
    assert not EmailAddress.objects.get(user=user).verified
    assert client.get(reverse("dashboard")).status_code == 302


def test_login_is_refused_until_the_email_is_confirmed(client):
    signup(client)
    client.logout()
    response = client.post(LOGIN, {"login": "helper@example.cn", "password": PASSWORD})
    assert response.url == reverse("account_email_verification_sent")
    client.get(confirmation_link())
    client.post(confirmation_link())
    assert EmailAddress.objects.get(email="helper@example.cn").verified
    response = client.post(LOGIN, {"login": "helper@example.cn", "password": PASSWORD})
    assert response.url == reverse("dashboard")


def test_signup_with_a_taken_email_creates_no_second_account(client):
    UserFactory(email="helper@example.cn")
    signup(client)
    assert User.objects.filter(email__iexact="helper@example.cn").count() == 1


def test_signup_requires_the_volunteer_name(english):
    response = signup(english, last_name="")
    assert "last_name" in response.context["form"].errors
    assert not User.objects.filter(email="helper@example.cn").exists()


@pytest.mark.parametrize("role", [*Role.values, "superuser"])
def test_every_role_logs_in_and_lands_on_its_dashboard(client, role):
    user = UserFactory(is_superuser=True, role="") if role == "superuser" else user_with_role(role)
    response = client.post(LOGIN, {"login": user.email, "password": PASSWORD})
    if requires_mfa(user):
        assert response.url == reverse("mfa_authenticate")
        code = totp_code(mfa_enroll(user))
        response = client.post(response.url, {"code": code})
    assert response.status_code == 302 and response.url == reverse("dashboard")
    dashboard = client.get(response.url)
    assert dashboard.status_code == 200
    assert dashboard.context["links"], f"{role} sees no task on the dashboard"


def test_wrong_password_does_not_log_in(english):
    user = UserFactory()
    response = english.post(LOGIN, {"login": user.email, "password": "wrong-password"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_login_page_renders_inside_the_portal_frame_in_both_languages(client, settings):
    page = client.get(LOGIN).content.decode()
    assert 'class="site-header' in page and "登录" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Sign In" in client.get(LOGIN).content.decode()


def test_password_reset_sends_a_link_that_sets_a_new_password(client):
    user = UserFactory()
    client.post(reverse("account_reset_password"), {"email": user.email})
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [user.email]
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+/", mail.outbox[0].body).group(0)
    form_url = client.get(link).url
    client.post(
        form_url, {"password1": "a-brand-new-passphrase", "password2": "a-brand-new-passphrase"}
    )
    user.refresh_from_db()
    assert user.check_password("a-brand-new-passphrase")


def test_logout_needs_a_post(client):
    client.force_login(UserFactory())
    client.post(reverse("account_logout"))
    assert client.get(reverse("dashboard")).status_code == 302


def staff_data(**overrides) -> dict:
    data = {
        "last_name": "周",
        "first_name": "新",
        "email": "new.caseworker@sfj.gov.cn",
        "phone": "",
        "role": Role.CASEWORKER,
    }
    data.update(overrides)
    return data


def test_agency_manager_creates_a_caseworker_who_sets_a_password_by_email(
    client, django_capture_on_commit_callbacks
):
    manager = user_with_role(Role.AGENCY_MANAGER)
    office = JudicialOfficeFactory(agency=manager.staff_assignment.agency)
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:staff_create"), staff_data(judicial_office=office.pk)
        )
    assert response.status_code == 302
    caseworker = User.objects.get(email="new.caseworker@sfj.gov.cn")
    assert caseworker.role == Role.CASEWORKER and not caseworker.has_usable_password()
    assignment = StaffAssignment.objects.get(user=caseworker)
    assert (assignment.agency, assignment.judicial_office) == (office.agency, office)
    assert AuditEntry.objects.filter(action="user.create_staff", actor=manager).exists()
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+/", mail.outbox[-1].body).group(
        0
    )
    client.logout()
    form_url = client.get(link).url
    client.post(
        form_url, {"password1": "caseworker-passphrase-1", "password2": "caseworker-passphrase-1"}
    )
    response = client.post(
        LOGIN, {"login": caseworker.email, "password": "caseworker-passphrase-1"}
    )
    assert response.url == reverse("dashboard")


def test_agency_manager_cannot_use_an_office_of_another_agency(client):
    manager = user_with_role(Role.AGENCY_MANAGER)
    foreign = JudicialOfficeFactory(
        agency=CorrectionsAgencyFactory(jurisdiction=jurisdiction("410105"))
    )
    client.force_login(manager)
    response = client.post(reverse("accounts:staff_create"), staff_data(judicial_office=foreign.pk))
    assert "judicial_office" in response.context["form"].errors
    assert not User.objects.filter(email="new.caseworker@sfj.gov.cn").exists()


@pytest.mark.parametrize("role", [Role.AGENCY_MANAGER, Role.OVERSIGHT, Role.SITE_EDITOR])
def test_agency_manager_cannot_create_other_staff_roles(client, role):
    client.force_login(user_with_role(Role.AGENCY_MANAGER))
    response = client.post(reverse("accounts:staff_create"), staff_data(role=role))
    assert "role" in response.context["form"].errors
    assert not User.objects.filter(email="new.caseworker@sfj.gov.cn").exists()


def test_caseworker_needs_a_judicial_office(client):
    client.force_login(user_with_role(Role.AGENCY_MANAGER))
    response = client.post(reverse("accounts:staff_create"), staff_data())
    assert "judicial_office" in response.context["form"].errors


def test_superuser_creates_an_agency_manager_in_the_managers_group(client):
    agency = CorrectionsAgencyFactory()
    client.force_login(UserFactory(is_superuser=True, role=""))
    client.post(
        reverse("accounts:staff_create"), staff_data(role=Role.AGENCY_MANAGER, agency=agency.pk)
    )
    manager = User.objects.get(email="new.caseworker@sfj.gov.cn")
    assert manager.staff_assignment.agency == agency
    assert manager.groups.filter(name=AGENCY_MANAGERS_GROUP).exists()


def test_superuser_creates_a_site_editor_who_may_enter_wagtail(client):
    client.force_login(UserFactory(is_superuser=True, role=""))
    client.post(reverse("accounts:staff_create"), staff_data(role=Role.SITE_EDITOR))
    editor = User.objects.get(email="new.caseworker@sfj.gov.cn")
    assert editor.has_perm("wagtailadmin.access_admin")


@pytest.mark.parametrize(
    "role", [Role.CASEWORKER, Role.OVERSIGHT, Role.PROVIDER_STAFF, Role.VOLUNTEER]
)
def test_other_roles_cannot_manage_staff(client, role):
    client.force_login(user_with_role(role))
    assert client.get(reverse("accounts:staff_list")).status_code == 403
    assert client.post(reverse("accounts:staff_create"), staff_data()).status_code == 403


def test_agency_manager_sees_only_the_staff_of_their_agency(client):
    manager = user_with_role(Role.AGENCY_MANAGER)
    own = user_with_role(
        Role.CASEWORKER,
        judicial_office=JudicialOfficeFactory(agency=manager.staff_assignment.agency),
    )
    other_office = JudicialOfficeFactory(
        agency=CorrectionsAgencyFactory(jurisdiction=jurisdiction("410105"))
    )
    other = user_with_role(Role.CASEWORKER, judicial_office=other_office)
    client.force_login(manager)
    page = client.get(reverse("accounts:staff_list")).content.decode()
    assert own.email in page and other.email not in page
