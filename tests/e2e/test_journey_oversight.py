"""Journey e: an oversight user logs in, opens a quarterly report, prints it (1366 and 360 px)."""

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from reports.definitions import REPORTS
from reports.periods import previous_quarter
from tests.e2e.journeys import no_sideways_scroll
from tests.factories.casework import SupervisedPersonFactory
from tests.factories.portal import OversightProfileFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# window.print opens a dialog headless Chromium cannot show: count the calls instead.
RECORD_PRINT = "window.__printed = 0; window.print = () => { window.__printed += 1; };"


def test_oversight_opens_a_quarterly_report_and_prints_it(journey):
    oversight = OversightProfileFactory().user
    SupervisedPersonFactory()
    report = REPORTS["persons"]
    quarter = previous_quarter(timezone.localdate())

    page = journey.log_in(oversight)
    page.context.add_init_script(RECORD_PRINT)
    page.get_by_role("link", name=journey.t("Reports"), exact=True).first.click()
    page.get_by_role("link", name=journey.say(report.title), exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(journey.say(report.title))
    expect(page.get_by_label(journey.t("Period"), exact=True)).to_have_value("quarter")
    expect(page.locator(".report-heading")).to_contain_text(journey.say(lambda: quarter.label))
    page.get_by_role("button", name=journey.t("Print"), exact=True).click()
    assert page.evaluate("window.__printed") == 1

    phone = journey.page(narrow=True)
    phone.context.add_cookies(page.context.cookies())
    phone.context.add_init_script(RECORD_PRINT)
    journey.go(phone, page.url.removeprefix(journey.base_url))
    expect(phone.get_by_role("heading", level=1)).to_have_text(journey.say(report.title))
    no_sideways_scroll(phone)
    phone.get_by_role("button", name=journey.t("Print"), exact=True).click()
    assert phone.evaluate("window.__printed") == 1
