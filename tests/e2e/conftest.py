"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server."""

import os

import pytest
from playwright.sync_api import sync_playwright

from cms.demo import seed_pages
from portal.demo import DemoContext
from tests.e2e.journeys import LANGUAGES, journey_in

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run inside one.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def browser(site):
    """A fresh Chromium per test, started after the database is ready.

    Playwright's event loop makes Django look up a different connection object, so the browser
    must not outlive a test: the next test's database set-up has to run without it.
    """
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(django_db_serialized_rollback, live_server):
    """The live server with the demo's public pages (migration data restored around each test)."""
    seed_pages(DemoContext(write=lambda _line: None, show_passwords=False))
    return live_server


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture(params=LANGUAGES)
def journey(request, browser, site):
    """A core-loop journey in Chinese and in English (tests/e2e/journeys.py)."""
    with journey_in(browser, site.url, request.param) as journey:
        yield journey
