"""Fixtures shared by every app's tests."""

import pytest

from django.core.cache import cache
from django.test import Client


@pytest.fixture(autouse=True)
def _media_and_language(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LANGUAGE_CODE = "zh-hans"
    cache.clear()


@pytest.fixture
def english(client, settings):
    """A client that has chosen English with the language switcher."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture(autouse=True)
def _staff_mfa_enrolled(request, monkeypatch):
    """Staff a test logs in have set up MFA, as real staff must before reaching personal data.

    Users made by the factories already are (`UserFactory(..., mfa=False)` makes one who is not);
    this covers the others (`create_superuser`, roles given later). A test about the setup
    itself is marked `@pytest.mark.mfa_unenrolled`.
    """
    if request.node.get_closest_marker("mfa_unenrolled"):
        return
    from portal.accounts.roles import requires_mfa
    from tests.factories.portal import mfa_enroll

    force_login = Client.force_login

    def enrolled_force_login(client, user, backend=None):
        if requires_mfa(user):
            mfa_enroll(user)
        return force_login(client, user, backend)

    monkeypatch.setattr(Client, "force_login", enrolled_force_login)
