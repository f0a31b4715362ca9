"""Wagtail's admin in Chinese: the workflow's name, the Pages menu and strings Wagtail leaves
in English are translated by the project's catalog; sign-up e-mails name the site."""

import pytest

from django.core import mail
from django.utils import translation

from wagtail.models import Workflow

from portal.organizations.services import MODERATION_WORKFLOW

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
