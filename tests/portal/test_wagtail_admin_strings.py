"""Wagtail's own admin words that its catalogs do not reach read in the reader's language: the
hidden search button (hard-coded in Wagtail's templates), the Locale and SimpleTranslation
models' names (none given by Wagtail), the page search's count ("None" for the pages), the
aging pages report's publisher ("None" when no user published), the image and collection
permission columns (worded once at import), and the list separator (a catalog entry)."""

import polib
import pytest

from django.conf import settings as django_settings
from django.utils import timezone, translation

from wagtail.models import Collection, Locale, Page

from portal.templatetags.display_lists import joined
from tests.portal.screens import screen_text

pytestmark = pytest.mark.django_db


def test_hidden_search_buttons_are_labelled_in_chinese(superuser_client):
    dashboard = screen_text(superuser_client, "/admin/")
    page_chooser = superuser_client.get("/admin/choose-page/").json()["html"]  # shared/header.html

    for text in (dashboard, page_chooser):
        assert 'type="submit" value="搜索"' in text
        assert 'value="Search"' not in text


def test_locales_list_counts_locales_in_chinese(superuser_client):
    Locale.objects.get_or_create(language_code="en")

    text = screen_text(superuser_client, "/admin/locales/")

    assert "2 区域设置" in text and "2 locales" not in text


def test_locale_edit_screen_breadcrumb_is_chinese(superuser_client):
    locale = Locale.get_default()

    text = screen_text(superuser_client, f"/admin/locales/edit/{locale.pk}/")

    assert "Locales" not in text


def test_group_screen_names_locale_and_simple_translation_in_chinese(superuser_client):
    text = screen_text(superuser_client, "/admin/groups/new/")

    assert "<h3>区域设置</h3>" in text and "<h3>简单翻译</h3>" in text
    assert "<h3>Locale</h3>" not in text and "Simple translation" not in text


def test_page_search_counts_pages_in_chinese(superuser_client):
    text = screen_text(superuser_client, "/admin/pages/search/?q=")

    assert "个页面，第 1-" in text
    assert "个None" not in text


def test_aging_pages_report_shows_no_none_for_pages_no_user_published(superuser_client):
    root = Page.get_first_root_node()
    root.add_child(
        instance=Page(
            title="无人发布的页面",
            slug="published-by-no-one",
            live=True,
            last_published_at=timezone.now(),
        )
    )

    text = screen_text(superuser_client, "/admin/reports/aging-pages/")

    assert "无人发布的页面" in text
    assert "None </td>" not in text


def test_collection_permission_columns_follow_the_reader(superuser_client):
    chinese = screen_text(superuser_client, "/admin/groups/new/")
    superuser_client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    english = screen_text(superuser_client, "/admin/groups/new/")

    assert 'title="编辑任意图片"' in chinese and 'title="删除集合"' in chinese
    assert "Edit any image" not in chinese and "Delete collections" not in chinese
    assert 'title="Edit any image"' in english and 'title="Delete collections"' in english
    assert "编辑任意图片" not in english and "删除集合" not in english


def test_list_separator_is_a_catalog_entry():
    catalog = polib.pofile(
        str(django_settings.BASE_DIR / "portal/locale/zh_Hans/LC_MESSAGES/django.po")
    )

    assert catalog.find(", ", msgctxt="list separator").msgstr == "、"
    with translation.override("zh-hans"):
        assert joined(["甲", "乙"]) == "甲、乙"
    with translation.override("en"):
        assert joined(["a", "b"]) == "a, b"


def test_blank_cells_read_in_chinese(superuser_client):
    Collection.get_first_root_node().add_child(name="")

    text = screen_text(superuser_client, "/admin/collections/")

    assert "（空）" in text and "(blank)" not in text


def test_email_link_chooser_fields_are_labelled_in_chinese(superuser_client):
    text = " ".join(superuser_client.get("/admin/choose-email-link/").json()["html"].split())

    for label in ("电子邮件地址", "链接文字", "主题", "正文"):
        assert f'-label"> {label}' in text
    for label in ("Email address", "Link text", "Subject", "Body"):
        assert label not in text


def test_phone_link_chooser_fields_are_labelled_in_chinese(superuser_client):
    text = superuser_client.get("/admin/choose-phone-link/").json()["html"]

    assert "电话号码" in text and "链接文字" in text
    assert "Phone number" not in text and "Link text" not in text


def test_task_chooser_type_filter_is_labelled_in_chinese(superuser_client):
    text = " ".join(superuser_client.get("/admin/workflows/task_chooser/").json()["html"].split())

    assert 'id="id_task_type-label"> 任务类型' in text
    assert "Task type" not in text


def test_chooser_and_redirect_filter_labels_follow_the_reader(superuser_client):
    def screens() -> tuple[str, str]:
        chooser = superuser_client.get("/admin/images/chooser/").json()["html"]
        return " ".join(chooser.split()), screen_text(superuser_client, "/admin/redirects/")

    chinese_chooser, chinese_redirects = screens()
    superuser_client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    english_chooser, english_redirects = screens()

    assert 'data-w-tabs-target="trigger"> 搜索 ' in chinese_chooser
    assert 'data-w-tabs-target="trigger"> Search ' in english_chooser
    assert "永久" in chinese_redirects and "临时的" in chinese_redirects
    assert "Permanent" in english_redirects and "Temporary" in english_redirects
    assert "永久" not in english_redirects and "临时的" not in english_redirects


def test_a_locale_is_worded_one_way_on_every_screen(superuser_client):
    Locale.objects.get_or_create(language_code="en")
    home = Page.get_first_root_node().add_child(instance=Page(title="首页", slug="home-zh"))
    urls = [
        "/admin/locales/",  # menu, title, count
        "/admin/groups/new/",  # the model's name
        "/admin/reports/page-types-usage/",  # the locale filter
        f"/admin/pages/{home.pk}/edit/",  # the side panel's locale
        f"/admin/translation/submit/page/{home.pk}/",  # simple translation's locales
    ]

    text = " ".join(screen_text(superuser_client, url) for url in urls)

    assert text.count("区域设置") >= len(urls)
    assert "区域" not in text.replace("区域设置", "")
