"""Factories for the public pages; pages are added under their parent in the page tree."""

from datetime import date, timedelta

import factory
from factory.django import DjangoModelFactory

from django.utils import timezone

from wagtail.models import Page, Site

from cms.models import (
    EventIndexPage,
    EventKind,
    EventPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PolicyIndexPage,
    PolicyLevel,
    PolicyPage,
    StandardPage,
)


def site_home() -> HomePage:
    """The site's home page, made the default site's root on first use."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="首页", slug="portal", hero_title="服务平台"))
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": home},
        )
    return home


def _index(model: type[Page], slug: str, title: str) -> Page:
    existing = model.objects.child_of(site_home()).first()
    return existing or site_home().add_child(instance=model(title=title, slug=slug))


class PageFactory(DjangoModelFactory):
    """Adds the page under `parent` instead of saving it on its own."""

    class Meta:
        abstract = True

    slug = factory.Sequence(lambda n: f"page-{n}")

    @classmethod
    def _create(cls, model_class, *args, parent: Page, **kwargs):
        return parent.add_child(instance=model_class(*args, **kwargs))


class StandardPageFactory(PageFactory):
    class Meta:
        model = StandardPage

    parent = factory.LazyFunction(site_home)
    title = factory.Sequence(lambda n: f"关于我们{n}")
    intro = "平台介绍"
    body = factory.LazyFunction(lambda: [{"type": "paragraph", "value": "<p>社会力量参与</p>"}])


class NewsPageFactory(PageFactory):
    class Meta:
        model = NewsPage

    parent = factory.LazyFunction(lambda: _index(NewsIndexPage, "news", "新闻动态"))
    title = factory.Sequence(lambda n: f"平台动态{n}")
    date = factory.Sequence(lambda n: date(2026, 1, 1) + timedelta(days=n))
    intro = "平台上线试运行"
    body = factory.LazyFunction(lambda: [{"type": "paragraph", "value": "<p>欢迎注册。</p>"}])


class EventPageFactory(PageFactory):
    class Meta:
        model = EventPage

    parent = factory.LazyFunction(lambda: _index(EventIndexPage, "events", "活动"))
    title = factory.Sequence(lambda n: f"社区矫正法宣传周{n}")
    kind = EventKind.PUBLICITY
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(days=6))
    place = "郑州市中原区"
    organizer = "中原区社区矫正管理局"
    intro = "法治宣传进社区"


class PolicyPageFactory(PageFactory):
    class Meta:
        model = PolicyPage

    parent = factory.LazyFunction(lambda: _index(PolicyIndexPage, "policies", "政策法规"))
    title = factory.Sequence(lambda n: f"关于加强社区矫正工作的决定{n}")
    issuing_body = "河南省人民代表大会常务委员会"
    level = PolicyLevel.PROVINCIAL
    date_issued = date(2023, 11, 30)
    summary = "加强和规范社区矫正工作。"
    full_text = "<p>动员社会力量参与社区矫正。</p>"


def news_index() -> NewsIndexPage:
    """The site's news index, made on first use."""
    return _index(NewsIndexPage, "news", "新闻动态")


def event_index() -> EventIndexPage:
    """The site's event index, made on first use."""
    return _index(EventIndexPage, "events", "活动")


def policy_index() -> PolicyIndexPage:
    """The site's policy library, made on first use."""
    return _index(PolicyIndexPage, "policies", "政策法规")
