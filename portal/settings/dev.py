"""Local development: debug on, console email, an insecure key that never leaves this machine."""

from portal.settings.base import *  # noqa: F403
from portal.settings.environment import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY") or "dev-only-insecure-key-never-used-in-production"  # noqa: S105
FIELD_ENCRYPTION_KEY = env("FIELD_ENCRYPTION_KEY") or "dev-only-field-key-change-me"
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
ALLOWED_HOSTS = ["*"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
