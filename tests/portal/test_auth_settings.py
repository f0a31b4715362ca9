"""Private storage, shared cache and staff session settings, read from the environment."""

from tests.portal.test_settings import run_settings

PRODUCTION = {"SECRET_KEY": "s" * 50, "FIELD_ENCRYPTION_KEY": "k"}


def read(module: str, env: dict[str, str], expression: str) -> str:
    result = run_settings(module, env, f"print({expression})")
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_rate_limits_live_in_the_database_cache_unless_cache_url_names_redis():
    cache = "settings.CACHES['default']['BACKEND']"
    assert read("portal.settings.production", PRODUCTION, cache) == (
        "django.core.cache.backends.db.DatabaseCache"
    )
    with_redis = PRODUCTION | {"CACHE_URL": "redis://127.0.0.1:6379/0"}
    assert "redis" in read("portal.settings.production", with_redis, cache).lower()


def test_production_keeps_private_files_in_their_own_storage_outside_media_root():
    expression = (
        "settings.STORAGES['private']['BACKEND'], settings.PRIVATE_MEDIA_ROOT, "
        "settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_SERVE"
    )
    env = PRODUCTION | {"MEDIA_ROOT": "/srv/m/media", "PRIVATE_MEDIA_ROOT": "/srv/m/private"}
    assert read("portal.settings.production", env, expression) == (
        "portal.files.PrivateFileSystemStorage /srv/m/private /srv/m/media django"
    )


def test_staff_idle_time_is_thirty_minutes_unless_configured():
    assert (
        read("portal.settings.production", PRODUCTION, "settings.STAFF_SESSION_IDLE_MINUTES")
        == "30"
    )
    env = PRODUCTION | {"STAFF_SESSION_IDLE_MINUTES": "10"}
    assert read("portal.settings.production", env, "settings.STAFF_SESSION_IDLE_MINUTES") == "10"
