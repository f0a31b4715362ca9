import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_settings(module: str, env: dict[str, str], code: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(
            (
                "DJANGO_",
                "SECRET_KEY",
                "DATABASE_URL",
                "ALLOWED_HOSTS",
                "ELASTICSEARCH_URL",
                "FIELD_ENCRYPTION_KEY",
            )
        )
    }
    environment.update(env, DJANGO_SETTINGS_MODULE=module)
    script = f"import django; from django.conf import settings; django.setup(); {code}"
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_settings(
        "portal.settings.production", {"FIELD_ENCRYPTION_KEY": "k"}, "print('started')"
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SECRET_KEY" in result.stderr
    assert "started" not in result.stdout


def test_production_reads_its_configuration_from_the_environment():
    env = {
        "SECRET_KEY": "a-long-production-secret",
        "FIELD_ENCRYPTION_KEY": "k",
        "DATABASE_URL": "postgres://portal:pw@db.example.cn:5433/marketplace",
        "ALLOWED_HOSTS": "marketplace.example.cn,www.marketplace.example.cn",
        "ELASTICSEARCH_URL": "http://search.example.cn:9200",
    }
    code = (
        "db = settings.DATABASES['default']; "
        "print(db['ENGINE'], db['HOST'], db['PORT'], db['NAME']); "
        "print(','.join(settings.ALLOWED_HOSTS)); print(settings.ELASTICSEARCH_URL); "
        "print(settings.MATCHING_BACKEND); print(settings.DEBUG, settings.SECRET_KEY)"
    )
    result = run_settings("portal.settings.production", env, code)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\n")
    assert lines[0] == "django.db.backends.postgresql db.example.cn 5433 marketplace"
    assert lines[1] == "marketplace.example.cn,www.marketplace.example.cn"
    assert lines[2] == "http://search.example.cn:9200"
    assert lines[3].endswith("ElasticsearchBackend")
    assert lines[4] == "False a-long-production-secret"


def test_without_environment_the_site_runs_on_sqlite_and_database_search():
    code = "print(settings.DATABASES['default']['ENGINE']); print(settings.MATCHING_BACKEND)"
    result = run_settings("portal.settings.dev", {}, code)
    assert result.returncode == 0, result.stderr
    engine, backend = result.stdout.split("\n")[:2]
    assert engine == "django.db.backends.sqlite3"
    assert backend.endswith("DatabaseBackend")
