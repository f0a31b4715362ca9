"""Production: every secret from the environment, secure cookies, HTTPS, compressed static files."""

from django.core.exceptions import ImproperlyConfigured

from portal.settings import deployment
from portal.settings.base import *  # noqa: F403
from portal.settings.environment import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
FIELD_ENCRYPTION_KEY = env("FIELD_ENCRYPTION_KEY")
if not FIELD_ENCRYPTION_KEY:
    raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY must be set for production.")

# Persistent connections: a worker keeps its connection for CONN_MAX_AGE seconds (0: one per
# request) and checks it is alive before reusing it.
DATABASES["default"]["CONN_MAX_AGE"] = env("CONN_MAX_AGE")  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

# Media every node reaches: the shared file system, or an S3-compatible store (MEDIA_S3_BUCKET).
STORAGES = {
    "default": deployment.public_media_storage(),
    "private": deployment.private_media_storage(PRIVATE_STORAGE),  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
CONTENT_SECURITY_POLICY = deployment.with_media_origins(CONTENT_SECURITY_POLICY)  # noqa: F405
# Background tasks in a separate worker: the database queue, or Redis (TASKS_REDIS_URL).
TASKS = deployment.task_backends()
RQ_QUEUES = deployment.rq_queues()
INSTALLED_APPS = [*INSTALLED_APPS, *deployment.task_apps()]  # noqa: F405
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# Wagtail's live preview shows the page in a same-origin frame, so DENY would break editing.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
