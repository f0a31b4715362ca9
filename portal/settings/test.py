"""Tests: fast hasher, local memory cache and e-mail, immediate background tasks."""

from portal.settings.base import *  # noqa: F403
from portal.settings.environment import env

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105  # nosec B105
FIELD_ENCRYPTION_KEY = "test-only-field-encryption-key"
DATABASES = {
    "default": env.db_url_config(env.str("DATABASE_URL", default="") or "sqlite://:memory:")
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "public": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "public"},
}
# The public page cache is switched on only by the tests about it (tests/portal/test_cache.py).
PUBLIC_CACHE_SECONDS = 0
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ALLOWED_HOSTS = ["*"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ACCOUNT_RATE_LIMITS = False
# A code computed just before a 30-second step still counts when a loaded machine is slow.
MFA_TOTP_TOLERANCE = 1
