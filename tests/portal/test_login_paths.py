"""Every login goes through allauth: the admin and Wagtail login pages only redirect to it."""

import pytest
from allauth.account.models import EmailAddress

from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from portal.accounts.models import Role
from portal.audit.models import AuditEntry
from tests.factories.portal import PASSWORD, UserFactory, user_with_role

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
OTHER_LOGINS = ["/admin/login/", "/django-admin/login/", "/_util/login/"]
LIMITS = {"login": "30/m/ip", "login_failed": "10/m/ip,5/300s/key"}


def credentials(user, password=PASSWORD) -> dict:
    """What each login form would accept: allauth's `login`, Django's `username`."""
    return {"login": user.email, "username": user.email, "password": password}


@pytest.fixture
def unverified():
    user = UserFactory()
    EmailAddress.objects.filter(user=user).update(verified=False)
    return user


@pytest.mark.parametrize("path", OTHER_LOGINS)
def test_other_login_pages_redirect_to_allauth_keeping_a_local_next(client, path):
    response = client.get(path, {"next": "/admin/pages/"})
    assert response.status_code == 302
    assert response.url == f"{LOGIN}?next=%2Fadmin%2Fpages%2F"


@pytest.mark.parametrize("path", OTHER_LOGINS)
def test_an_off_site_next_is_dropped(client, path):
    for target in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        assert client.get(path, {"next": target}).url == LOGIN


@pytest.mark.parametrize("path", OTHER_LOGINS)
def test_posting_credentials_to_another_login_page_logs_nobody_in(client, path):
    response = client.post(path, credentials(UserFactory()))
    assert response.status_code == 302 and response.url.startswith(LOGIN)
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize("path", ["/admin/", "/django-admin/"])
def test_admin_screens_send_anonymous_visitors_to_allauth(client, path):
    response = client.get(path, follow=True)
    assert response.redirect_chain[-1][0].startswith(LOGIN)
    assert "next=" in response.redirect_chain[-1][0]


@pytest.mark.parametrize("path", [LOGIN, *OTHER_LOGINS])
def test_an_unverified_account_cannot_log_in_through_any_path(client, unverified, path):
    client.post(path, credentials(unverified), follow=True)
    assert SESSION_KEY not in client.session
    assert client.get(reverse("dashboard")).status_code == 302


@pytest.mark.parametrize("path", [LOGIN, *OTHER_LOGINS])
def test_every_path_refuses_the_right_password_after_repeated_failures(client, settings, path):
    settings.ACCOUNT_RATE_LIMITS = LIMITS
    user = UserFactory()
    for _attempt in range(30):
        client.post(path, credentials(user, "wrong-password"))
    response = client.post(path, credentials(user), follow=True)
    assert SESSION_KEY not in client.session
    if path == LOGIN:
        assert response.status_code in (200, 429)


def test_lockout_after_failed_logins_is_audited_and_refuses_the_right_password(english, settings):
    settings.ACCOUNT_RATE_LIMITS = LIMITS
    user = UserFactory()
    for _attempt in range(5):
        english.post(LOGIN, {"login": user.email, "password": "wrong-password"})
    response = english.post(LOGIN, {"login": user.email, "password": PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert SESSION_KEY not in english.session
    assert AuditEntry.objects.filter(action="account.login_failed").count() == 5
    lockout = AuditEntry.objects.get(action="account.lockout")
    assert lockout.actor_label == user.email


def test_a_successful_login_is_audited(client):
    user = UserFactory()
    client.post(LOGIN, {"login": user.email, "password": PASSWORD})
    entry = AuditEntry.objects.get(action="account.login")
    assert entry.actor == user and entry.object_id == str(user.pk)


@pytest.mark.parametrize("role", ["caseworker", "volunteer", "provider_staff"])
def test_signed_in_user_without_admin_access_sees_the_login_page_not_a_redirect_loop(client, role):
    client.force_login(user_with_role(Role(role)))
    response = client.get("/admin/pages/", follow=True)

    assert response.status_code == 200
    assert len(response.redirect_chain) == 1
    assert response.redirect_chain[0][0].startswith(LOGIN)
    assert "您没有权限访问管理后台" in response.content.decode()  # Wagtail's own, in Chinese
