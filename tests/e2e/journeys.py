"""What the core-loop journeys share: one browser context per person, in the journey's language,
at the issue's two widths, logging in through the real login page (password, then TOTP code).

Screens are found by role, label and text in the reader's language; the words come from the
translation catalogs (`Journey.t`), never typed here in one language, so a journey runs the same
in Chinese and in English.
"""

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager

from allauth.mfa.models import Authenticator
from playwright.sync_api import Browser, Page, expect

from django.conf import settings
from django.core import mail
from django.utils import translation
from django.utils.text import capfirst

from portal.accounts.models import User
from tests.factories.portal import PASSWORD, mfa_enroll, totp_code

WIDE = {"width": 1366, "height": 900}
NARROW = {"width": 360, "height": 740}
LANGUAGES = ["zh-hans", "en"]


class Journey:
    """A journey in one language against the live server; each person gets their own context."""

    def __init__(self, browser: Browser, base_url: str, language: str):
        self.browser = browser
        self.base_url = base_url
        self.language = language
        self.contexts: list = []

    def t(self, message: str, **values) -> str:
        """The message as the site shows it in the journey's language (from the catalogs)."""
        with translation.override(self.language):
            text = str(translation.gettext(message))
        return text % values if values else text

    def say(self, value) -> str:
        """A lazy string or a property read in the journey's language (e.g. a period's label)."""
        with translation.override(self.language):
            return str(value() if callable(value) else value)

    def label(self, verbose_name: str) -> str:
        """A model field's form label: its translated verbose name, first letter capitalised."""
        return str(capfirst(self.t(verbose_name)))

    def field(self, page: Page, message: str):
        """The form field labelled with the message: a form's label or a model field's verbose
        name (capitalised), maybe followed by a colon and a required mark."""
        return page.get_by_label(self.name(message))

    def group(self, page: Page, message: str):
        """The group of checkboxes or radios whose legend is the message."""
        return page.get_by_role("group", name=self.name(message))

    def name(self, message: str) -> re.Pattern:
        """A pattern of the message as a label or legend shows it (colon, required mark)."""
        text = re.escape(self.label(message))
        return re.compile(rf"^\s*{text}\s*[:：]?\s*\*?\s*$", re.IGNORECASE)

    def page(self, *, narrow: bool = False) -> Page:
        """A fresh browser context (no session) in the journey's language, wide or 360 px."""
        options = {"viewport": NARROW if narrow else WIDE, "locale": self.html_lang}
        if narrow:
            options.update(is_mobile=True, has_touch=True)
        context = self.browser.new_context(**options)
        context.add_cookies(
            [
                {
                    "name": settings.LANGUAGE_COOKIE_NAME,
                    "value": self.language,
                    "url": self.base_url,
                }
            ]
        )
        # Two cores shared by both databases' workers: a page may take its time to come.
        context.set_default_navigation_timeout(90_000)
        context.set_default_timeout(45_000)
        self.contexts.append(context)
        return context.new_page()

    @property
    def html_lang(self) -> str:
        return "zh-Hans" if self.language == "zh-hans" else "en"

    def go(self, page: Page, path: str) -> Page:
        page.goto(f"{self.base_url}{path}")
        # The site says zh-Hans, Wagtail's admin zh-hans: the same language.
        lang = re.compile(f"^{self.html_lang}$", re.IGNORECASE)
        expect(page.locator("html")).to_have_attribute("lang", lang)
        return page

    def log_in(self, user: User, *, narrow: bool = False, password: str = PASSWORD) -> Page:
        """Log in at /accounts/login/ like a person does; staff then type their TOTP code."""
        page = self.go(self.page(narrow=narrow), "/accounts/login/")
        self.field(page, "Email").fill(user.email)
        self.field(page, "Password").fill(password)
        page.get_by_role("button", name=self.t("Sign In"), exact=True).click()
        if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            secret = mfa_enroll(user)
            expect(self.field(page, "Code")).to_be_visible()
            self.field(page, "Code").fill(_fresh_code(secret))
            page.get_by_role("button", name=self.t("Sign In"), exact=True).click()
        expect(page).to_have_url(f"{self.base_url}/dashboard/")
        return page

    def close(self) -> None:
        for context in self.contexts:
            context.close()


def confirm_email(journey: Journey, page: Page, address: str, password: str) -> None:
    """Open the confirmation link mailed to the address, confirm, and be logged in."""
    message = next(m for m in reversed(mail.outbox) if address in m.to)
    path = re.search(r"/accounts/confirm-email/[^/\s]+/", message.body).group(0)
    journey.go(page, path)
    page.get_by_role("button", name=journey.t("Confirm"), exact=True).click()
    if "/accounts/login/" in page.url:
        journey.field(page, "Email").fill(address)
        journey.field(page, "Password").fill(password)
        page.get_by_role("button", name=journey.t("Sign In"), exact=True).click()
    expect(page).to_have_url(f"{journey.base_url}/dashboard/")


def eventually(check, seconds: float = 30) -> None:
    """Wait until what the server wrote after a click shows in the database."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "the database never showed the change"
        time.sleep(0.2)


def _fresh_code(secret: str) -> str:
    """A TOTP code with at least a few seconds left in its period (a slow machine lags)."""
    period = getattr(settings, "MFA_TOTP_PERIOD", 30)
    if period - time.time() % period < 3:
        time.sleep(3)
    return totp_code(secret)


def no_sideways_scroll(page: Page) -> None:
    """At 360 px nothing is wider than the screen."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width} px wide"


@contextmanager
def journey_in(browser: Browser, base_url: str, language: str) -> Iterator[Journey]:
    journey = Journey(browser, base_url, language)
    expect.set_options(timeout=20_000)  # assertions wait like actions on a loaded machine
    try:
        yield journey
    finally:
        expect.set_options(timeout=5_000)  # Playwright's default, for the other browser tests
        journey.close()
