"""The one typed declaration of every setting read from the environment."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env(
    DEBUG=(bool, False),
    SECRET_KEY=(str, ""),
    DATABASE_URL=(str, f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    CSRF_TRUSTED_ORIGINS=(list, []),
    ELASTICSEARCH_URL=(str, ""),
    ELASTICSEARCH_INDEX_PREFIX=(str, "marketplace"),
    EMAIL_URL=(str, "consolemail://"),
    DEFAULT_FROM_EMAIL=(str, "noreply@marketplace.local"),
    MEDIA_ROOT=(str, str(BASE_DIR / "media")),
    STATIC_ROOT=(str, str(BASE_DIR / "staticfiles")),
    SITE_URL=(str, "http://127.0.0.1:8000"),
    FIELD_ENCRYPTION_KEY=(str, ""),
    REFERRAL_RESPONSE_DAYS=(int, 5),
    TRUSTED_PROXY_COUNT=(int, 0),
    AUDIT_HASH_KEY=(str, ""),
    SECURE_SSL_REDIRECT=(bool, True),
    PRIVATE_MEDIA_ROOT=(str, str(BASE_DIR / "private_media")),
    PRIVATE_MEDIA_SERVE=(str, "django"),
    PRIVATE_MEDIA_INTERNAL_URL=(str, "/private-media/"),
    CACHE_URL=(str, ""),
    PUBLIC_CACHE_SECONDS=(int, 600),
    CONN_MAX_AGE=(int, 60),
    STAFF_SESSION_IDLE_MINUTES=(int, 30),
    REPORTS_SMALL_CELL_THRESHOLD=(int, 5),
    REFERRAL_REMINDER_DAYS=(int, 3),
    # Media on an S3-compatible store (portal/settings/deployment.py); empty: the file system.
    MEDIA_S3_BUCKET=(str, ""),
    MEDIA_S3_LOCATION=(str, "media"),
    MEDIA_S3_PUBLIC_ACL=(str, "public-read"),
    MEDIA_S3_CUSTOM_DOMAIN=(str, ""),
    MEDIA_S3_PRIVATE_BUCKET=(str, ""),
    MEDIA_S3_PRIVATE_LOCATION=(str, "private"),
    MEDIA_S3_PRIVATE_URL_SECONDS=(int, 300),
    MEDIA_S3_ENDPOINT_URL=(str, ""),
    MEDIA_S3_REGION=(str, ""),
    MEDIA_S3_ACCESS_KEY_ID=(str, ""),
    MEDIA_S3_SECRET_ACCESS_KEY=(str, ""),
    # The task queue in Redis (django-tasks-rq); empty: in the database (django-tasks-db).
    TASKS_REDIS_URL=(str, ""),
    TASKS_REDIS_TIMEOUT=(int, 600),
)
