import pytest

from django.core.exceptions import ValidationError

from wagtail.models import Site

from cms.models import FooterLink, FooterSettings, NavigationItem, NavigationSettings
from tests.factories.cms import StandardPageFactory, site_home

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_settings():
    home = site_home()
    about = StandardPageFactory(title="关于我们", slug="about")
    site = Site.objects.get(root_page=home)
    navigation = NavigationSettings.for_site(site)
    NavigationItem.objects.create(
        settings=navigation, sort_order=0, label="关于我们", label_en="About us", link_page=about
    )
    NavigationItem.objects.create(
        settings=navigation, sort_order=1, label="就业岗位", link_url="/jobs/"
    )
    footer = FooterSettings.for_site(site)
    footer.hotline = "12348"
    footer.address = "郑州市金水路1号"
    footer.copyright = "© 2026 服务平台"
    footer.save()
    FooterLink.objects.create(
        settings=footer, sort_order=0, label="机构注册", label_en="Register", link_url="/org/"
    )
    return {"home": home, "about": about}


def test_header_shows_the_menu_from_the_navigation_settings(client, site_settings):
    content = client.get("/").content.decode()

    assert '<a href="/about/">关于我们</a>' in content
    assert '<a href="/jobs/">就业岗位</a>' in content


def test_menu_uses_english_labels_in_english_and_chinese_when_none_is_given(english, site_settings):
    content = english.get("/").content.decode()

    assert '<a href="/about/">About us</a>' in content
    assert '<a href="/jobs/">就业岗位</a>' in content


def test_menu_marks_the_current_page(client, site_settings):
    content = client.get("/about/").content.decode()

    assert '<a href="/about/" aria-current="page">关于我们</a>' in content


def test_footer_shows_contact_details_and_links(client, site_settings):
    content = client.get("/about/").content.decode()

    assert "12348" in content
    assert "郑州市金水路1号" in content
    assert "© 2026 服务平台" in content
    assert '<a href="/org/">机构注册</a>' in content


def test_header_falls_back_to_default_sections_without_menu_items(client):
    site_home()

    content = client.get("/").content.decode()

    assert '<a href="/services/">服务目录</a>' in content


def test_link_needs_exactly_one_of_page_or_address(site_settings):
    navigation = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    neither = NavigationItem(settings=navigation, label="空")
    both = NavigationItem(
        settings=navigation, label="两者", link_page=site_settings["about"], link_url="/x/"
    )

    for item in (neither, both):
        with pytest.raises(ValidationError):
            item.full_clean()


def test_menu_marks_the_section_of_a_page_below_a_menu_item(client, site_settings):
    child = StandardPageFactory(parent=site_settings["about"], title="联系我们", slug="contact")

    content = client.get(child.url).content.decode()

    assert '<a href="/about/" aria-current="true">关于我们</a>' in content
