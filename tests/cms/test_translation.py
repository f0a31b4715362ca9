"""Content translation: English versions of the demo's home, about, a news item and a policy;
pages not translated stay Chinese for English readers; offers keep the provider's language."""

import pytest

from wagtail.models import Locale, Page

from cms.demo import seed_pages
from cms.models import HomePage, NewsPage, PolicyPage
from portal.demo import DemoContext

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_pages():
    seed_pages(DemoContext(write=lambda _line: None, show_passwords=False))


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_seeding_twice_makes_each_english_version_once(demo_pages):
    count = Page.objects.count()
    seed_pages(DemoContext(write=lambda _line: None, show_passwords=False))

    english = Locale.objects.get(language_code="en")
    assert Page.objects.count() == count
    assert HomePage.objects.filter(locale=english).count() == 1
    assert NewsPage.objects.filter(locale=english).count() == 1
    assert PolicyPage.objects.filter(locale=english).count() == 1


def test_english_reader_gets_the_english_home_and_about_pages(demo_pages, english):
    home = english.get("/").content.decode()
    about = english.get("/about/").content.decode()

    assert "Bringing society together" in home
    assert "What the platform is for" in about
    assert "平台是做什么的" not in about


def test_chinese_reader_keeps_the_chinese_pages(demo_pages, client):
    assert "平台是做什么的" in client.get("/about/").content.decode()


def test_page_without_english_version_is_served_in_chinese_to_english_readers(demo_pages, english):
    response = english.get("/take-part/")

    assert response.status_code == 200
    assert "参与方式" in response.content.decode()


def test_english_news_list_shows_the_translation_instead_of_the_original(demo_pages, english):
    text = english.get("/news/").content.decode()

    assert "opens for a trial run" in text
    assert "上线试运行" not in text
    assert "首批社会组织通过审核入驻平台" in text  # not translated: listed in Chinese


def test_english_policy_is_found_by_english_readers_in_the_library(demo_pages, english):
    text = english.get("/policies/henan-decision-community-corrections-2023/").content.decode()

    assert "strengthening community corrections" in text
