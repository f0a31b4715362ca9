"""Production settings beyond one machine: media on the shared file system or an S3-compatible
store, the task queue in the database or in Redis, all chosen by the environment."""

import os
import runpy

import pytest
import redis
from django_tasks import task_backends
from storages.backends.s3 import S3Storage

from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from casework.tasks import flag_overdue_referrals
from portal.settings import deployment

S3_VARIABLES = {
    "MEDIA_S3_BUCKET": "marketplace-media",
    "MEDIA_S3_PRIVATE_BUCKET": "marketplace-private",
    "MEDIA_S3_ENDPOINT_URL": "https://oss.example.cn",
    "MEDIA_S3_REGION": "cn-henan-1",
    "MEDIA_S3_ACCESS_KEY_ID": "key-id",
    "MEDIA_S3_SECRET_ACCESS_KEY": "key-secret",
}
REDIS_URL = "redis://127.0.0.1:6379/14"


@pytest.fixture
def production(monkeypatch):
    """Load portal.settings.production under the given environment; its settings by name."""
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.setenv("FIELD_ENCRYPTION_KEY", "y" * 44)
    for name in list(os.environ):
        if name.startswith(("MEDIA_S3_", "TASKS_REDIS_", "PRIVATE_MEDIA_SERVE")):
            monkeypatch.delenv(name)

    def load(**variables: str) -> dict:
        for name, value in variables.items():
            monkeypatch.setenv(name, value)
        return runpy.run_module("portal.settings.production")

    return load


def test_without_a_store_media_stay_on_the_shared_file_system(production):
    settings = production()
    assert settings["STORAGES"]["default"]["BACKEND"].endswith("FileSystemStorage")
    assert settings["STORAGES"]["private"]["BACKEND"] == "portal.files.PrivateFileSystemStorage"
    assert settings["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"] == ["'self'", "data:"]


def test_with_a_bucket_public_and_private_media_go_to_s3(production):
    storages = production(**S3_VARIABLES)["STORAGES"]
    public, private = storages["default"], storages["private"]
    assert public["BACKEND"] == private["BACKEND"] == "storages.backends.s3.S3Storage"
    assert public["OPTIONS"]["bucket_name"] == "marketplace-media"
    assert public["OPTIONS"]["default_acl"] == "public-read"
    assert public["OPTIONS"]["querystring_auth"] is False
    assert private["OPTIONS"]["bucket_name"] == "marketplace-private"
    assert private["OPTIONS"]["default_acl"] == "private"
    assert private["OPTIONS"]["querystring_auth"] is True
    assert private["OPTIONS"]["querystring_expire"] == 300
    assert private["OPTIONS"]["custom_domain"] is None
    assert private["OPTIONS"]["endpoint_url"] == "https://oss.example.cn"


def test_s3_options_are_ones_django_storages_accepts(production):
    storages = production(**S3_VARIABLES)["STORAGES"]
    public = S3Storage(**storages["default"]["OPTIONS"])
    private = S3Storage(**storages["private"]["OPTIONS"])
    assert (public.bucket_name, public.location) == ("marketplace-media", "media")
    assert (private.bucket_name, private.location) == ("marketplace-private", "private")
    assert private.default_acl == "private" and private.querystring_auth


def test_private_media_share_a_bucket_only_in_their_own_folder(production):
    variables = {**S3_VARIABLES, "MEDIA_S3_PRIVATE_BUCKET": ""}
    private = production(**variables)["STORAGES"]["private"]["OPTIONS"]
    assert private["bucket_name"] == "marketplace-media"
    assert private["location"] == "private"
    with pytest.raises(ImproperlyConfigured, match="their own bucket or folder"):
        production(**variables, MEDIA_S3_PRIVATE_LOCATION="media")


def test_private_media_on_s3_are_sent_by_django_only(production):
    with pytest.raises(ImproperlyConfigured, match="PRIVATE_MEDIA_SERVE=django"):
        production(**S3_VARIABLES, PRIVATE_MEDIA_SERVE="x-accel-redirect")


def test_pages_may_show_images_from_the_media_store(production):
    policy = production(**S3_VARIABLES)["CONTENT_SECURITY_POLICY"]
    assert "https://oss.example.cn" in policy["DIRECTIVES"]["img-src"]
    cdn = production(**S3_VARIABLES, MEDIA_S3_CUSTOM_DOMAIN="media.example.cn")
    assert "https://media.example.cn" in cdn["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"]


def test_without_redis_tasks_queue_in_the_database(production):
    settings = production()
    assert settings["TASKS"] == {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert settings["RQ_QUEUES"] == {}
    assert "django_rq" not in settings["INSTALLED_APPS"]


def test_with_a_redis_url_tasks_queue_in_redis_for_an_rq_worker(production):
    settings = production(TASKS_REDIS_URL=REDIS_URL)
    assert settings["TASKS"]["default"]["BACKEND"] == "django_tasks_rq.RQBackend"
    assert settings["RQ_QUEUES"]["default"]["URL"] == REDIS_URL
    assert {"django_rq", "django_tasks_rq"} <= set(settings["INSTALLED_APPS"])
    assert set(settings["TASKS"]["default"]["QUEUES"]) == set(settings["RQ_QUEUES"])


def _redis_up() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.mark.django_db
@pytest.mark.skipif(not _redis_up(), reason=f"no Redis at {REDIS_URL}")
def test_a_task_queued_in_redis_waits_for_the_worker_which_runs_it():
    import django_rq
    from django_tasks_rq import Job
    from rq import SimpleWorker

    with override_settings(
        TASKS={"default": {"BACKEND": deployment.RQ_BACKEND, "QUEUES": deployment.TASK_QUEUES}},
        RQ_QUEUES={"default": {"URL": REDIS_URL}},
    ):
        queue = django_rq.get_queue("default", job_class=Job)
        queue.empty()
        try:
            result = flag_overdue_referrals.enqueue()
            assert task_backends["default"].get_result(result.id).status == "READY"
            assert queue.count == 1
            worker = SimpleWorker([queue], connection=queue.connection, job_class=Job)
            worker.work(burst=True)
            result.refresh()
            assert result.status == "SUCCESSFUL"
            assert result.return_value == 0
        finally:
            queue.empty()
