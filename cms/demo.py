"""The public pages of the demo: home, about, how to take part, news, events, policies, settings.

Pages are created when missing and left alone when present, so editors' changes survive a rerun.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from wagtail.models import Locale, Page, Site

from cms import demo_content as content
from cms import demo_content_en as content_en
from cms.models import (
    EventIndexPage,
    EventPage,
    FooterLink,
    FooterSettings,
    HomePage,
    NavigationItem,
    NavigationSettings,
    NewsIndexPage,
    NewsPage,
    PolicyIndexPage,
    PolicyPage,
    StandardPage,
)
from portal.demo import HOME_COUNTY, DemoContext, register
from portal.organizations.models import Jurisdiction


def _child(parent: Page, model: type[Page], slug: str, **fields) -> Page:
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = parent.add_child(instance=model(slug=slug, **fields))
    page.save_revision().publish()
    return page


def _retire_welcome_page(old_root: Page, home: HomePage) -> None:
    """Move what editors put under Wagtail's default welcome page to the home page, then drop it."""
    if old_root.specific_class is not Page or old_root.depth != 2:
        return
    for child in old_root.get_children():
        child.move(home, pos="last-child")
    old_root.delete()


def _home_page() -> HomePage:
    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(slug="portal", **content.HOME))
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = content.SITE_NAME
        site.save()
        _retire_welcome_page(old_root, home)
    return home


def _local(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _events(home: HomePage) -> EventIndexPage:
    events = _child(home, EventIndexPage, "events", **content.EVENT_INDEX)
    henan = Jurisdiction.objects.filter(code="410000").first()
    home_county = Jurisdiction.objects.filter(code=HOME_COUNTY).first()
    week = content.PUBLICITY_WEEK
    _child(events, EventPage, week["slug"], jurisdiction=henan, **week["fields"])
    fair_day = timezone.localdate() + timedelta(days=21)
    fair = content.JOB_FAIR
    times = {"start": _local(fair_day, 9), "end": _local(fair_day, 16)}
    _child(events, EventPage, fair["slug"], jurisdiction=home_county, **times, **fair["fields"])
    return events


def _settings(site: Site, pages: dict[str, Page]) -> None:
    navigation = NavigationSettings.for_site(site)
    if not navigation.items.exists():
        for order, (label, label_en, target) in enumerate(content.MENU):
            page = pages.get(target)
            link_url = "" if page else target
            NavigationItem.objects.create(
                settings=navigation,
                sort_order=order,
                label=label,
                label_en=label_en,
                link_page=page,
                link_url=link_url,
            )
    footer = FooterSettings.for_site(site)
    if not footer.organizer:
        for name, value in content.FOOTER.items():
            setattr(footer, name, value)
        footer.save()
    if not footer.links.exists():
        for order, (label, label_en, url) in enumerate(content.FOOTER_LINKS):
            FooterLink.objects.create(
                settings=footer, sort_order=order, label=label, label_en=label_en, link_url=url
            )


def _english_versions(home: HomePage) -> int:
    """English versions of the home page, about, a news item and the Henan decision."""
    english, _created = Locale.objects.get_or_create(language_code="en")
    made = 0
    for path, fields in content_en.TRANSLATIONS:
        page = home
        for slug in filter(None, path.split("/")):
            page = page.get_children().get(slug=slug)
        if page.get_translation_or_none(english) is None:
            translation = page.specific.copy_for_translation(english)
            for name, value in fields.items():
                setattr(translation, name, value)
            translation.save_revision().publish()
            made += 1
    return made


@register(order=5, name="cms: home page")
def seed_home_page(ctx: DemoContext) -> None:
    """The home page before the kernel's provider sections (order 10 on), so that they are made
    under it: moved there later, pages held by later seeders kept stale url paths and lost
    their "view live" link."""
    _home_page()


@register(order=50, name="cms")
def seed_pages(ctx: DemoContext) -> None:
    home = _home_page()
    about = _child(home, StandardPage, "about", **content.ABOUT)
    take_part = _child(home, StandardPage, "take-part", **content.TAKE_PART)
    news = _child(home, NewsIndexPage, "news", **content.NEWS_INDEX)
    for slug, fields in content.NEWS:
        _child(news, NewsPage, slug, **fields)
    events = _events(home)
    policies = _child(home, PolicyIndexPage, "policies", **content.POLICY_INDEX)
    for slug, fields in content.POLICIES:
        _child(policies, PolicyPage, slug, **fields)
    pages = {"about": about, "take-part": take_part, "news": news, "events": events}
    _settings(Site.objects.get(root_page=home), {**pages, "policies": policies})
    ctx.shared["cms_home_page_id"] = home.pk
    english = _english_versions(home)
    ctx.write(
        f"CMS: home page, {len(content.NEWS)} news, 2 events, {len(content.POLICIES)} policies, "
        f"{english} new English versions"
    )
