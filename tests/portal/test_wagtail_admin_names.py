"""Names Wagtail's admin shows from the database or from a field's name read in Chinese: the
groups (Wagtail's Moderators and Editors, the project's agency managers and section editors),
the sites screen's columns and the header's actions landmark; the database keeps the names."""

import pytest

from django.contrib.auth.models import Group
from django.utils import translation

from tests.portal.screens import screen_text

pytestmark = pytest.mark.django_db


GROUP_NAMES = {
    "wagtails-default-groups": (
        ("Moderators", "Editors"),
        ("审核员", "编辑"),
        ("Moderators", "Editors"),
    ),
    "project-groups-with-a-code": (
        ("Agency managers 410102", "Section 14 editors"),
        ("机构管理人员 410102", "服务机构栏目 14 编辑"),
        ("Agency managers", "Section 14 editors"),
    ),
}


@pytest.mark.parametrize(("stored", "shown", "hidden"), GROUP_NAMES.values(), ids=GROUP_NAMES)
def test_groups_screen_shows_group_names_in_chinese(superuser_client, stored, shown, hidden):
    for name in stored:
        Group.objects.get_or_create(name=name)

    text = screen_text(superuser_client, "/admin/groups/")

    assert all(name in text for name in shown)
    assert not any(name in text for name in hidden)


def test_english_screens_show_the_stored_group_name(superuser_client, settings):
    Group.objects.get_or_create(name="Moderators")
    superuser_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    assert "Moderators" in screen_text(superuser_client, "/admin/groups/")


def test_saving_the_shown_group_name_keeps_the_stored_name():
    group, _created = Group.objects.get_or_create(name="Moderators")
    with translation.override("zh-hans"):
        loaded = Group.objects.get(pk=group.pk)
        loaded.name = str(loaded.name)  # what a form sends back
        loaded.save()

    assert Group.objects.filter(pk=group.pk, name="Moderators").exists()


def test_a_new_group_name_is_stored_as_typed():
    group, _created = Group.objects.get_or_create(name="Moderators")
    with translation.override("zh-hans"):
        group.name = "内容审核"
        group.save()

    assert Group.objects.filter(pk=group.pk, name="内容审核").exists()


def test_groups_edit_screen_shows_the_chinese_name(superuser_client):
    group = Group.objects.create(name="Agency managers 410102")

    text = screen_text(superuser_client, f"/admin/groups/edit/{group.pk}/")

    assert "机构管理人员 410102" in text and "Agency managers" not in text


def test_sites_screen_columns_are_chinese(superuser_client):
    text = screen_text(superuser_client, "/admin/sites/")

    assert "端口号" in text and "站点名称" in text and "根页面" in text
    assert ">Port<" not in text.replace(" <", "<").replace("> ", ">")
    assert "Site name" not in text and "Root page" not in text


def test_header_actions_landmark_is_labelled_in_chinese(superuser_client):
    text = screen_text(superuser_client, "/admin/groups/")

    assert 'id="w-slim-header-buttons"' in text
    assert 'aria-label="Actions"' not in text


def test_group_screen_permission_names_are_chinese(superuser_client):
    text = screen_text(superuser_client, "/admin/groups/new/")

    assert "可以添加用户" in text and "发布任意页面" in text
    assert "Can add user" not in text and "Publish any page" not in text


def test_permission_names_are_stored_in_english():
    from django.contrib.auth.models import Permission

    with translation.override("zh-hans"):
        permission = Permission.objects.get(codename="add_user")
        permission.save()

    assert Permission.objects.filter(codename="add_user", name="Can add user").exists()


def test_root_collection_and_root_page_read_in_chinese(superuser_client):
    from wagtail.models import Collection

    Collection.get_first_root_node().add_child(name="服务机构图片")  # the filter shows with two
    images = screen_text(superuser_client, "/admin/images/")
    explorer = screen_text(superuser_client, "/admin/pages/")

    assert ">根目录<" in images.replace("> ", ">").replace(" <", "<")
    assert ">Root<" not in images.replace("> ", ">").replace(" <", "<")
    assert "浏览: 根目录" in explorer and "Root" not in explorer


def test_yes_no_columns_are_read_out_in_chinese(superuser_client):
    text = screen_text(superuser_client, "/admin/users/")

    assert 'class="w-sr-only"> 是 </span>' in text or ">是<" in text.replace(" ", "")
    assert "True" not in text


@pytest.mark.parametrize("url", ["/admin/groups/new/", "/admin/workflows/add/"])
def test_page_chooser_fields_are_labelled_in_chinese(superuser_client, url):
    text = screen_text(superuser_client, url)

    assert '-page-label"> 页面' in text
    assert '-page-label"> Page' not in text
