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


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Let Django empty the test database after `transaction=True` tests on PostgreSQL.

    Django's flush TRUNCATEs every table, which the audit tables' statement triggers refuse. In
    production the site's database role has no TRUNCATE right at all (`audit_db_roles`, proven in
    test_audit_database_roles); here, and only in the throwaway test database, the two triggers
    that guard the owner are dropped.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_auditentry")
            cursor.execute(
                "DROP TRIGGER IF EXISTS audit_verification_no_truncate ON audit_auditverification"
            )


@pytest.fixture
def database_cache(settings, db, tmp_path):
    """The caches as deployed without CACHE_URL: the default one in the database (a cache read
    is then a query, so a read per listed item shows in the query-count tests that use this
    fixture), the public generation in a file."""
    from django.core.management import call_command

    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
        },
        "generation": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "public-cache-generation"),
        },
    }
    call_command("createcachetable", verbosity=0)
