"""Wagtail's admin in Chinese: the workflows' names, the Pages menu and strings Wagtail leaves
in English are translated by the project's catalog; sign-up e-mails name the site."""

import re
from pathlib import Path

import polib
import pytest

from django.core import mail
from django.utils import translation

from wagtail.models import Locale, Workflow

from portal.organizations.services import MODERATION_WORKFLOW
from portal.wagtail_strings import WAGTAIL_GAPS
from tests.factories.cms import site_home
from tests.portal.screens import screen_text

CATALOG = Path(__file__).resolve().parents[2] / "portal/locale/zh_Hans/LC_MESSAGES/django.po"
WAGTAILS_WORKFLOW = "Moderators approval"  # made by Wagtail's migration for Root

pytestmark = pytest.mark.django_db


@pytest.fixture
def workflow():
    return Workflow.objects.create(name=MODERATION_WORKFLOW)


def test_workflow_name_reads_in_the_active_language(workflow):
    with translation.override("zh-hans"):
        chinese = str(Workflow.objects.get(pk=workflow.pk).name)
    with translation.override("en"):
        english = str(Workflow.objects.get(pk=workflow.pk).name)

    assert english == "Agency approval"
    assert chinese != english and chinese


def test_workflow_name_is_stored_as_written_whatever_the_language(workflow):
    with translation.override("zh-hans"):
        loaded = Workflow.objects.get(pk=workflow.pk)
        loaded.active = True
        loaded.save()

    assert Workflow.objects.filter(pk=workflow.pk, name=MODERATION_WORKFLOW).exists()


@pytest.mark.parametrize(
    ("english", "chinese"),
    [("Privacy and access", "隐私和访问权限"), ("Exploring", "浏览"), ("Pages", "页面")],
)
def test_wagtail_admin_strings_have_the_projects_chinese(english, chinese):
    with translation.override("zh-hans"):
        assert translation.gettext(english) == chinese


def test_pagination_label_keeps_its_own_word():
    with translation.override("zh-hans"):
        assert translation.pgettext("pagination", "Pages") == "分页"


def test_admin_dashboard_menu_says_pages_not_pagination(client, django_user_model):
    admin = django_user_model.objects.create_superuser(email="root@demo.cn", password="x" * 12)
    client.force_login(admin)

    text = client.get("/admin/").content.decode()

    assert "分页" not in text


def test_signup_mail_greets_with_the_sites_name_not_the_host(client):
    client.post(
        "/accounts/signup/",
        {
            "email": "new@demo.cn",
            "password1": "a-long-pass-2026",
            "password2": "a-long-pass-2026",
            "last_name": "孙",
            "first_name": "志愿",
            "phone": "13800000001",
        },
    )

    assert mail.outbox, "no confirmation e-mail was sent"
    body = mail.outbox[0].body
    assert "testserver" not in body.splitlines()[0]
    assert "服务平台" in body.splitlines()[0]


def test_root_explorer_headings_and_help_are_chinese(superuser_client):
    text = screen_text(superuser_client, "/admin/pages/")

    for chinese in (
        "页面类型",
        "编辑者",
        "更新日期",
        "有子页面",
        "根级别用于向 Wagtail 添加新站点",
    ):
        assert chinese in text
    for english in ("Page type", "Edited by", "Date updated", "Has child pages", "The root level"):
        assert english not in text


def test_page_editor_side_panels_are_chinese(superuser_client):
    home = site_home()
    locale, _created = Locale.objects.get_or_create(language_code="en")
    home.copy_for_translation(locale, copy_parents=True)

    text = screen_text(superuser_client, f"/admin/pages/{home.pk}/edit/")

    for chinese in ("共有 2 个语言版本", "内容指标", "阅读时间", "数据说明", "提交给审核员审批"):
        assert chinese in text
    for phrase in ("Available in", "Content metrics", "Reading time", "This data explained"):
        assert phrase not in text
    assert WAGTAILS_WORKFLOW not in text


def test_workflows_list_and_wagtails_workflow_read_in_chinese(superuser_client):
    text = screen_text(superuser_client, "/admin/workflows/list/")

    assert "显示已停用" in text and "审核员审批" in text
    assert "Show disabled" not in text and WAGTAILS_WORKFLOW not in text


def test_english_screens_keep_wagtails_words_and_the_stored_name(superuser_client, settings):
    superuser_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    assert "Page type" in screen_text(superuser_client, "/admin/pages/")
    assert WAGTAILS_WORKFLOW in screen_text(superuser_client, "/admin/workflows/list/")
    assert Workflow.objects.filter(name=WAGTAILS_WORKFLOW).exists()


def is_chinese(text: str) -> bool:
    return re.search(r"[\u4e00-\u9fff]", text) is not None


@pytest.mark.parametrize("english", WAGTAIL_GAPS)
def test_every_gap_in_wagtails_catalog_is_translated(english):
    with translation.override("zh-hans"):
        assert translation.gettext(english) != english


@pytest.mark.parametrize(
    "entry",
    [entry for entry in polib.pofile(str(CATALOG)) if entry.msgid_plural],
    ids=lambda entry: entry.msgid[:40],
)
def test_every_plural_gap_has_chinese(entry):
    with translation.override("zh-hans"):
        assert is_chinese(translation.ngettext(entry.msgid, entry.msgid_plural, 2))
