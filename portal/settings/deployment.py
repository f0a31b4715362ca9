"""Where media and background tasks live when the site runs on several machines.

Media: by default public uploads (MEDIA_ROOT) and private files (PRIVATE_MEDIA_ROOT) are on the
local file system, which several nodes share by mounting it. With MEDIA_S3_BUCKET set both go
to an S3-compatible store through django-storages: public media readable by everyone, private
files in their own bucket (MEDIA_S3_PRIVATE_BUCKET) or folder, stored with a private ACL and
reached only with signed, short-lived requests.

Tasks: by default django-tasks keeps its queue in the database (`manage.py db_worker`). With
TASKS_REDIS_URL set the queue is in Redis, run by RQ (`manage.py rqworker default --job-class
django_tasks_rq.Job`).
"""

from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from portal.settings.environment import env

S3_BACKEND = "storages.backends.s3.S3Storage"
RQ_BACKEND = "django_tasks_rq.RQBackend"
DATABASE_TASKS_BACKEND = "django_tasks_db.DatabaseBackend"
TASK_QUEUES = ["default"]


def s3_enabled() -> bool:
    """Whether media go to an S3-compatible store (MEDIA_S3_BUCKET is set)."""
    return bool(env("MEDIA_S3_BUCKET"))


def _s3_common() -> dict[str, Any]:
    options: dict[str, Any] = {
        "endpoint_url": env("MEDIA_S3_ENDPOINT_URL") or None,
        "region_name": env("MEDIA_S3_REGION") or None,
        "file_overwrite": False,
    }
    if env("MEDIA_S3_ACCESS_KEY_ID"):
        options["access_key"] = env("MEDIA_S3_ACCESS_KEY_ID")
        options["secret_key"] = env("MEDIA_S3_SECRET_ACCESS_KEY")
    # Without keys boto3 finds credentials itself (AWS_* variables, an instance role).
    return options


def public_media_storage() -> dict[str, Any]:
    """STORAGES["default"]: public uploads (images, documents), served from their own URL."""
    if not s3_enabled():
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options = {
        **_s3_common(),
        "bucket_name": env("MEDIA_S3_BUCKET"),
        "location": env("MEDIA_S3_LOCATION"),
        "default_acl": env("MEDIA_S3_PUBLIC_ACL") or None,
        "querystring_auth": False,
        "custom_domain": env("MEDIA_S3_CUSTOM_DOMAIN") or None,
    }
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}


def private_media_storage(local: dict[str, Any]) -> dict[str, Any]:
    """STORAGES["private"]: identity documents, certificates, contracts; never public."""
    if not s3_enabled():
        return local
    if env("PRIVATE_MEDIA_SERVE") != "django":
        raise ImproperlyConfigured(
            "Private files on S3 are sent by Django: set PRIVATE_MEDIA_SERVE=django."
        )
    options = {
        **_s3_common(),
        "bucket_name": env("MEDIA_S3_PRIVATE_BUCKET") or env("MEDIA_S3_BUCKET"),
        "location": env("MEDIA_S3_PRIVATE_LOCATION"),
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": env("MEDIA_S3_PRIVATE_URL_SECONDS"),
        "custom_domain": None,  # signed requests go to the store itself, never through a CDN
    }
    if options["bucket_name"] == env("MEDIA_S3_BUCKET") and (
        options["location"].strip("/") == env("MEDIA_S3_LOCATION").strip("/")
    ):
        raise ImproperlyConfigured(
            "Private media need their own bucket or folder: set MEDIA_S3_PRIVATE_BUCKET or a "
            "MEDIA_S3_PRIVATE_LOCATION other than MEDIA_S3_LOCATION."
        )
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}


def public_media_origins() -> list[str]:
    """Where public media are served from when not from the site itself (for img-src)."""
    if not s3_enabled():
        return []
    if env("MEDIA_S3_CUSTOM_DOMAIN"):
        return [f"https://{env('MEDIA_S3_CUSTOM_DOMAIN')}"]
    endpoint = urlsplit(env("MEDIA_S3_ENDPOINT_URL"))
    if endpoint.netloc:
        return [f"{endpoint.scheme}://{endpoint.netloc}"]
    bucket, region = env("MEDIA_S3_BUCKET"), env("MEDIA_S3_REGION")
    origins = [f"https://{bucket}.s3.amazonaws.com"]
    if region:
        origins.append(f"https://{bucket}.s3.{region}.amazonaws.com")
    return origins


def with_media_origins(policy: dict[str, Any]) -> dict[str, Any]:
    """The content security policy, letting pages show images from the media store."""
    directives = policy["DIRECTIVES"]
    img_src = [*directives["img-src"], *public_media_origins()]
    return {**policy, "DIRECTIVES": {**directives, "img-src": img_src}}


def task_backends() -> dict[str, Any]:
    """TASKS: the database queue, or an RQ queue in Redis when TASKS_REDIS_URL is set."""
    if env("TASKS_REDIS_URL"):
        return {"default": {"BACKEND": RQ_BACKEND, "QUEUES": TASK_QUEUES}}
    return {"default": {"BACKEND": DATABASE_TASKS_BACKEND}}


def rq_queues() -> dict[str, Any]:
    """RQ_QUEUES for django-rq: every task queue in the one Redis (empty without it)."""
    url = env("TASKS_REDIS_URL")
    if not url:
        return {}
    timeout = env("TASKS_REDIS_TIMEOUT")
    return {name: {"URL": url, "DEFAULT_TIMEOUT": timeout} for name in TASK_QUEUES}


def task_apps() -> list[str]:
    """The apps the Redis queue needs (django-rq's `rqworker`, the backend's checks)."""
    return ["django_rq", "django_tasks_rq"] if env("TASKS_REDIS_URL") else []
