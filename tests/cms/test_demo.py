import pytest

from wagtail.models import Locale, Page, Site

from cms.demo import seed_pages
from cms.models import (
    EventPage,
    FooterLink,
    HomePage,
    NavigationItem,
    NewsPage,
    PolicyPage,
    StandardPage,
)
from portal.demo import DemoContext

pytestmark = pytest.mark.django_db


def seed():
    seed_pages(DemoContext(write=lambda _line: None, show_passwords=False))


def counts():
    models = [Page, HomePage, StandardPage, NewsPage, EventPage, PolicyPage]
    rows = {model.__name__: model.objects.count() for model in models}
    rows["menu"] = NavigationItem.objects.count()
    rows["footer_links"] = FooterLink.objects.count()
    return rows


def test_demo_replaces_the_welcome_page_with_the_home_page_as_site_root():
    welcome = Site.objects.get(is_default_site=True).root_page
    kept = welcome.add_child(instance=Page(title="旧栏目", slug="old-section"))

    seed()

    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert not Page.objects.filter(pk=welcome.pk).exists()
    assert Page.objects.get(pk=kept.pk).get_parent().pk == site.root_page.pk


def test_demo_can_run_twice_without_duplicating_anything():
    seed()
    first = counts()

    seed()

    assert counts() == first
    assert first["NewsPage"] == 5  # 4 in Chinese, and one of them in English
    assert first["EventPage"] == 2


def test_demo_policy_library_holds_the_henan_decision_and_the_national_law():
    seed()

    chinese = PolicyPage.objects.filter(locale=Locale.get_default())
    decision = chinese.get(slug="henan-decision-community-corrections-2023")
    law = chinese.get(slug="community-corrections-law")
    assert decision.title == "河南省人民代表大会常务委员会关于加强社区矫正工作的决定"
    assert decision.date_issued.year == 2023
    assert decision.is_summary
    assert law.document_number == "中华人民共和国主席令第四十号"


def test_demo_pages_all_render(client):
    seed()

    for page in Page.objects.live().filter(depth__gt=1):
        assert client.get(page.url).status_code == 200, page.url


def test_demo_keeps_an_editors_change_on_a_second_run():
    seed()
    chinese = StandardPage.objects.filter(locale=Locale.get_default())
    about = chinese.get(slug="about")
    about.intro = "编辑修改过的介绍"
    about.save()

    seed()

    assert chinese.get(slug="about").intro == "编辑修改过的介绍"
