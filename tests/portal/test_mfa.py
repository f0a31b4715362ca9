"""Staff who reach personal data set up a second factor first; staff sessions end when idle."""

import time

import pytest
from allauth.mfa.models import Authenticator

from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from portal.accounts.middleware import LAST_ACTIVITY_KEY
from portal.accounts.models import Role
from portal.audit.models import AuditEntry
from tests.factories.portal import PASSWORD, UserFactory, mfa_enroll, totp_code, user_with_role

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
ACTIVATE = reverse("mfa_activate_totp")
MFA_ROLES = [Role.CASEWORKER, Role.AGENCY_MANAGER, Role.OVERSIGHT, "superuser"]


def unenrolled(role: str):
    if role == "superuser":
        return UserFactory(role="", is_superuser=True, is_staff=True, mfa=False)
    return UserFactory(role=role, mfa=False)


@pytest.mark.mfa_unenrolled
@pytest.mark.parametrize("role", MFA_ROLES)
def test_staff_without_an_authenticator_are_sent_to_set_one_up(client, role):
    client.force_login(unenrolled(role))
    for path in (reverse("dashboard"), "/casework/", "/audit/", "/admin/", "/django-admin/"):
        response = client.get(path)
        assert response.status_code == 302 and response.url == ACTIVATE, path


@pytest.mark.mfa_unenrolled
def test_the_setup_and_logout_pages_stay_open_to_them(client):
    client.force_login(unenrolled(Role.CASEWORKER))
    assert client.get(reverse("mfa_index")).status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302
    assert SESSION_KEY not in client.session


@pytest.mark.mfa_unenrolled
@pytest.mark.parametrize(
    "role", [Role.VOLUNTEER, Role.PROVIDER_STAFF, Role.EMPLOYER_STAFF, Role.SITE_EDITOR]
)
def test_other_roles_need_no_second_factor(client, role):
    client.force_login(user_with_role(role))
    assert client.get(reverse("dashboard")).status_code == 200


def test_enrolled_staff_reach_their_dashboard(client):
    client.force_login(user_with_role(Role.CASEWORKER))
    assert client.get(reverse("dashboard")).status_code == 200


def confirm_password(client):
    """allauth asks for the password again before any MFA change."""
    assert client.get(ACTIVATE).url.startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})


@pytest.mark.mfa_unenrolled
def test_a_caseworker_activates_totp_after_logging_in_and_it_is_audited(
    client, django_capture_on_commit_callbacks
):
    caseworker = user_with_role(Role.CASEWORKER, user__mfa=False)
    response = client.post(LOGIN, {"login": caseworker.email, "password": PASSWORD})
    assert client.get(response.url).url == ACTIVATE
    confirm_password(client)
    page = client.get(ACTIVATE)
    secret = page.context["form"].secret
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ACTIVATE, {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=caseworker, type="totp").exists()
    assert Authenticator.objects.filter(user=caseworker, type="recovery_codes").exists()
    assert AuditEntry.objects.filter(action="account.mfa_activated", actor=caseworker).exists()
    assert client.get(reverse("dashboard")).status_code == 200


@pytest.mark.mfa_unenrolled
def test_a_wrong_setup_code_activates_nothing(client):
    caseworker = user_with_role(Role.CASEWORKER, user__mfa=False)
    client.post(LOGIN, {"login": caseworker.email, "password": PASSWORD})
    confirm_password(client)
    client.get(ACTIVATE)
    response = client.post(ACTIVATE, {"code": "000000"})
    assert response.status_code == 200
    assert not Authenticator.objects.filter(user=caseworker).exists()
    assert client.get(reverse("dashboard")).url == ACTIVATE


def test_enrolled_staff_log_in_with_password_then_code(client):
    manager = user_with_role(Role.AGENCY_MANAGER)
    secret = mfa_enroll(manager)
    response = client.post(LOGIN, {"login": manager.email, "password": PASSWORD})
    assert response.url == reverse("mfa_authenticate")
    assert SESSION_KEY not in client.session
    assert client.post(response.url, {"code": "000000"}).status_code == 200
    assert AuditEntry.objects.filter(action="account.mfa_failed", actor=manager).exists()
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.url == reverse("dashboard")
    assert AuditEntry.objects.filter(action="account.login", actor=manager).exists()


def _log_in_with_code(client, user):
    secret = mfa_enroll(user)
    client.post(LOGIN, {"login": user.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})


def test_deactivating_totp_and_new_recovery_codes_are_audited(
    client, django_capture_on_commit_callbacks
):
    oversight = user_with_role(Role.OVERSIGHT)
    _log_in_with_code(client, oversight)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mfa_generate_recovery_codes"))
    assert AuditEntry.objects.filter(action="account.mfa_reset", actor=oversight).exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mfa_deactivate_totp"))
    assert AuditEntry.objects.filter(action="account.mfa_deactivated", actor=oversight).exists()
    assert not Authenticator.objects.filter(user=oversight, type="totp").exists()


def test_staff_sessions_end_at_browser_close(client):
    client.force_login(user_with_role(Role.CASEWORKER))
    assert client.session.get_expire_at_browser_close()


def test_staff_are_logged_out_after_the_idle_time(client, settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 30
    client.force_login(user_with_role(Role.CASEWORKER))
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - 29 * 60
    session.save()
    assert client.get(reverse("dashboard")).status_code == 200
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - 31 * 60
    session.save()
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and response.url.startswith(LOGIN)
    assert SESSION_KEY not in client.session


def test_volunteers_keep_their_session_when_idle(client):
    client.force_login(UserFactory(role=Role.VOLUNTEER))
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - 3 * 60 * 60
    session.save()
    assert client.get(reverse("dashboard")).status_code == 200
