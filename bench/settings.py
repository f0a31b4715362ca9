"""Settings of a benchmark run: production-like (no debug query log), database from the env."""

from portal.settings.base import *  # noqa: F403
from portal.settings.environment import env

DEBUG = False
SECRET_KEY = "bench-only-secret-key"  # noqa: S105
FIELD_ENCRYPTION_KEY = "bench-only-field-key"
DATABASES = {"default": env.db("DATABASE_URL")}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MATCHING_BACKEND = "matching.backends.database.DatabaseBackend"
CACHES["public"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "public",
}
# The procurement series renders its pages through RequestFactory ("testserver").
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405
