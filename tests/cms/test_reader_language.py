"""Pages in the reader's language: which pages have a translation in it is read once per
generation of public content and language, and a new translation is seen at once."""

import pytest

from django.utils import translation

from wagtail.models import Locale

from cms.selectors import translated_elsewhere
from tests.factories.cms import site_home

pytestmark = pytest.mark.django_db


def test_pages_translated_elsewhere_are_read_once_per_generation(django_assert_num_queries):
    site_home()
    with translation.override("en"):
        translated_elsewhere()

        with django_assert_num_queries(0):
            translated_elsewhere()


def test_new_translation_is_seen_at_once():
    home = site_home()
    english, _created = Locale.objects.get_or_create(language_code="en")
    with translation.override("en"):
        assert translated_elsewhere() == []

        home.copy_for_translation(english, copy_parents=True)

        assert translated_elsewhere() == [home.pk]
