"""In a browser: error pages in the site's layout and language; the CSP blocks nothing we use."""

import pytest
from playwright.sync_api import expect

from django.conf import settings
from django.test import Client

from portal.accounts.models import User

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _watch_csp(page) -> list[str]:
    """Collect console messages that report a Content-Security-Policy violation."""
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    return violations


@pytest.mark.parametrize(
    ("language", "heading", "home"),
    [("zh-hans", "页面不存在", "返回首页"), ("en", "Page not found", "Go to the home page")],
)
def test_not_found_page_has_the_site_frame_and_a_way_home(site, desktop, language, heading, home):
    desktop.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": site.url}]
    )
    violations = _watch_csp(desktop)
    response = desktop.goto(f"{site.url}/no-such-page/")

    assert response.status == 404
    expect(desktop.get_by_role("heading", name=heading)).to_be_visible()
    expect(desktop.locator(".site-header")).to_be_visible()
    desktop.get_by_role("link", name=home).click()
    assert desktop.url == f"{site.url}/"
    assert violations == []


def test_bad_request_page_explains_in_the_site_frame(site, desktop):
    response = desktop.goto(f"{site.url}/services/?near=%00")

    assert response.status == 400
    expect(desktop.get_by_role("heading", name="错误的请求")).to_be_visible()
    expect(desktop.get_by_text("请求中含有不允许的字符。")).to_be_visible()


def test_public_pages_run_under_the_policy_without_violations(site, desktop):
    violations = _watch_csp(desktop)
    for address in ("/", "/services/", "/search/?q=心理"):
        desktop.goto(f"{site.url}{address}")
    assert violations == []


def test_wagtail_page_editor_works_under_the_admin_policy(site, desktop):
    admin = User.objects.create_superuser(email="root@example.cn", password="x-Secret-2026")
    client = Client()
    client.force_login(admin)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    desktop.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": site.url}]
    )
    violations = _watch_csp(desktop)
    errors: list[str] = []
    desktop.on("pageerror", lambda error: errors.append(str(error)))

    desktop.goto(f"{site.url}/admin/pages/")
    desktop.locator("a[href*='/edit/']").first.click()

    expect(desktop.locator("form#page-edit-form")).to_be_visible()
    assert violations == [] and errors == []
