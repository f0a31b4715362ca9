"""Demo staff accounts stay usable with MFA: a known key, printed with the accounts."""

import time
from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from django.core.management import CommandError, call_command
from django.urls import reverse

from portal import demo
from portal.accounts.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from tests.factories.portal import totp_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def kernel_demo(monkeypatch, settings):
    settings.DEBUG = True
    kernel = [seeder for seeder in demo.seeders() if seeder.order < 100]
    monkeypatch.setattr("portal.management.commands.seed_demo.seeders", lambda: kernel)
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_demo_staff_have_the_printed_key_and_others_none(kernel_demo):
    assert DEMO_TOTP_SECRET in kernel_demo
    for email in ("admin@demo.cn", "caseworker@demo.cn", "manager@demo.cn", "oversight@demo.cn"):
        assert Authenticator.objects.filter(user__email=email, type="totp").exists(), email
    for email in ("volunteer@demo.cn", "provider@demo.cn", "editor@demo.cn"):
        assert not Authenticator.objects.filter(user__email=email).exists(), email


def test_demo_caseworker_logs_in_with_password_and_the_code_of_the_key(client, kernel_demo):
    login = {"login": "caseworker@demo.cn", "password": DEMO_PASSWORD}
    assert client.post(reverse("account_login"), login).url == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(DEMO_TOTP_SECRET)})
    assert response.url == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200


def test_seeding_again_keeps_the_key(kernel_demo):
    before = list(Authenticator.objects.values_list("pk", flat=True))
    call_command("seed_demo", stdout=StringIO())
    assert list(Authenticator.objects.values_list("pk", flat=True)) == before


def test_demo_totp_prints_the_current_code_in_development_only(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("demo_totp", stdout=out)
    now = int(time.time()) // 30
    codes = {format_hotp_value(hotp_value(DEMO_TOTP_SECRET, n)) for n in (now - 1, now)}
    assert out.getvalue().split()[0] in codes
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("demo_totp")
