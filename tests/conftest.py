"""Fixtures shared by every app's tests."""

import pytest

from django.core.cache import cache


@pytest.fixture(autouse=True)
def _media_and_language(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LANGUAGE_CODE = "zh-hans"
    cache.clear()


@pytest.fixture
def english(client, settings):
    """A client that has chosen English with the language switcher."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
