import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENSHOTS = "/tmp"  # noqa: S108 (screenshots for a human to look at, never read back)


def overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_home_page_renders_in_chinese(site, desktop):
    desktop.goto(site.url)

    expect(desktop.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(desktop.locator("h1")).to_contain_text("凝聚社会力量")
    expect(desktop.get_by_role("heading", name="参与方式")).to_be_visible()
    for address in ("/organizations/register/", "/accounts/signup/", "/jobs/"):
        expect(desktop.locator(f'.role-card a[href="{address}"]')).to_be_visible()
    desktop.screenshot(path=f"{SCREENSHOTS}/e2e-home-desktop.png", full_page=True)


def test_language_switch_keeps_the_visitor_on_the_same_page(site, desktop):
    desktop.goto(f"{site.url}/policies/?year=2019")

    desktop.get_by_role("button", name="English").click()

    expect(desktop.locator("html")).to_have_attribute("lang", "en")
    assert desktop.url == f"{site.url}/policies/?year=2019"
    expect(
        desktop.get_by_role("button", name="Filter policies")
        .or_(desktop.get_by_text("Filter policies"))
        .first
    ).to_be_visible()
    expect(desktop.get_by_role("link", name="中华人民共和国社区矫正法", exact=True)).to_be_visible()

    desktop.get_by_role("button", name="简体中文").click()

    expect(desktop.locator("html")).to_have_attribute("lang", "zh-Hans")
    assert desktop.url == f"{site.url}/policies/?year=2019"
    expect(desktop.get_by_text("筛选政策法规")).to_be_visible()


def test_news_and_policy_pages_open_from_the_home_page(site, desktop):
    desktop.goto(site.url)

    desktop.get_by_role("link", name="全部新闻").click()
    expect(desktop.locator("h1")).to_have_text("新闻动态")
    desktop.locator(".news-card h3 a").first.click()
    expect(desktop.locator(".breadcrumbs")).to_contain_text("新闻动态")

    desktop.goto(site.url)
    desktop.get_by_role(
        "link", name="河南省人民代表大会常务委员会关于加强社区矫正工作的决定"
    ).click()
    expect(desktop.locator("h1")).to_have_text(
        "河南省人民代表大会常务委员会关于加强社区矫正工作的决定"
    )
    expect(desktop.get_by_role("note")).to_contain_text("不是正式文本")


def test_policy_library_filters_by_issuing_body(site, desktop):
    desktop.goto(f"{site.url}/policies/")

    desktop.get_by_label("发布机关").select_option("全国人民代表大会常务委员会")
    desktop.get_by_role("button", name="筛选", exact=True).click()

    expect(desktop.locator(".policy-item")).to_have_count(1)
    expect(desktop.locator(".policy-item")).to_contain_text("中华人民共和国社区矫正法")


def test_site_search_finds_a_chinese_phrase(site, desktop):
    desktop.goto(site.url)

    desktop.get_by_label("搜索政策法规、新闻和活动").fill("宣传周")
    desktop.get_by_label("搜索政策法规、新闻和活动").press("Enter")

    expect(desktop.locator(".search-results")).to_contain_text("2026年社区矫正法宣传周")


def test_phone_pages_have_no_horizontal_overflow(site, phone):
    for path in [
        "/news/",
        "/policies/",
        "/events/law-publicity-week-2026/",
        "/search/?q=宣传周",
        "/",
    ]:
        phone.goto(f"{site.url}{path}")

        assert overflow(phone) <= 0, path
    phone.screenshot(path=f"{SCREENSHOTS}/e2e-home-phone.png", full_page=True)


def test_phone_menu_opens_with_the_menu_button(site, phone):
    phone.goto(site.url)
    menu = phone.locator("#main-nav")
    expect(menu).to_be_hidden()

    phone.get_by_role("button", name="菜单").click()

    expect(menu).to_be_visible()
    expect(phone.get_by_role("button", name="菜单")).to_have_attribute("aria-expanded", "true")
    expect(menu.get_by_role("link", name="政策法规")).to_be_visible()


def test_phone_filters_start_collapsed_and_open_on_demand(site, phone):
    phone.goto(f"{site.url}/policies/")
    year = phone.get_by_label("年份")
    expect(year).to_be_hidden()

    phone.get_by_text("筛选政策法规").click()

    expect(year).to_be_visible()
