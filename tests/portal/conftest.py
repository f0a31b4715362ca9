import pytest

from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """allauth's rate limits live in the cache: each test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def superuser_client(client, django_user_model):
    """A client signed in as a superuser, for Wagtail's admin screens."""
    admin = django_user_model.objects.create_superuser(email="root@demo.cn", password="x" * 12)
    client.force_login(admin)
    return client
