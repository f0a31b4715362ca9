"""Everyday use in a browser (issue 15): the matching screen in English, its even filter boxes,
the case list as cards on a 360 px phone, and the 403, 500 and CSRF failure pages in both
languages, each in the site's layout with a way back."""

import pytest
from playwright.sync_api import Page, expect

from django.urls import path
from django.utils import translation

from matching.schedules import display
from matching.selectors import offer_document
from matching.templatetags.matching_tags import offer_title
from portal.accounts.models import Role
from portal.urls import urlpatterns as site_patterns
from tests.e2e.journeys import journey_in
from tests.factories.casework import AssessedNeedFactory, SupervisedPersonFactory
from tests.factories.employment import JobOfferPageFactory
from tests.factories.portal import JudicialOfficeFactory, MembershipFactory, user_with_role
from tests.factories.services_catalog import ServiceOfferPageFactory
from tests.factories.volunteers import VolunteerProfileFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SERVICE, JOB, MENTOR = "个体心理咨询服务", "心理咨询助理", "孙志愿"
HEIGHTS = "elements => elements.map(e => e.getBoundingClientRect().height)"


def _broken(request):
    raise RuntimeError("boom")


# The 500 test serves this URL configuration: the site's own, plus one view that fails.
urlpatterns = [path("test-broken/", _broken), *site_patterns]
handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"


def _caseworker_world():
    """A caseworker, a person of theirs with a counselling need, and three offers that match:
    a service (Monday hours), a job (full-time hours) and a mentor (Saturday mornings)."""
    office = JudicialOfficeFactory()
    caseworker = user_with_role(Role.CASEWORKER, judicial_office=office)
    person = SupervisedPersonFactory(judicial_office=office, caseworkers=[caseworker])
    AssessedNeedFactory(assessment__person=person)
    service = ServiceOfferPageFactory(title=SERVICE)
    job = JobOfferPageFactory(title=JOB)
    mentor = VolunteerProfileFactory(real_name=MENTOR, availability=["sat-am"])
    keys = [f"service:{service.pk}", f"job:{job.pk}", f"mentor:{mentor.pk}"]
    return caseworker, person, [offer_document(key=key) for key in keys]


def _shown(document, language: str) -> tuple[str, str]:
    """An offer's title and schedule as a reader of the language sees them."""
    with translation.override(language):
        return offer_title(document), display(document.schedule)


def test_english_matching_screen_shows_schedules_hours_and_mentors_in_english(browser, site):
    caseworker, person, documents = _caseworker_world()
    with journey_in(browser, site.url, "en") as journey:
        page = journey.log_in(caseworker)
        journey.go(page, f"/casework/persons/{person.pk}/match/")

        results = page.locator("ol.match-results")
        expected = {
            SERVICE: "Monday 09:00–17:00",
            JOB: "Full time, day shifts",
            f"Volunteer mentor {MENTOR}": "Saturday morning",
        }
        for document, (title, schedule) in zip(documents, expected.items(), strict=True):
            assert _shown(document, "en") == (title, schedule)
            card = results.locator("li.card").filter(has=page.get_by_role("heading", name=title))
            expect(card).to_have_count(1)
            expect(card.locator("p.muted").first).to_contain_text(f" · {schedule}")
            chinese_title, chinese_schedule = _shown(document, "zh-hans")
            assert chinese_schedule != schedule
            expect(results).not_to_contain_text(chinese_schedule)
            if chinese_title != title:
                expect(results).not_to_contain_text(chinese_title)


def test_matching_filter_boxes_have_one_height_at_desktop_width(browser, site):
    caseworker, person, _documents = _caseworker_world()
    with journey_in(browser, site.url, "zh-hans") as journey:
        page = journey.log_in(caseworker)
        journey.go(page, f"/casework/persons/{person.pk}/match/")

        boxes = page.locator(
            "form.match-filters input:not([type=checkbox]):not([type=hidden]),"
            " form.match-filters select"
        )
        expect(boxes).to_have_count(3)  # keyword, category, maximum distance
        heights = boxes.evaluate_all(HEIGHTS)
        assert max(heights) - min(heights) <= 1, heights


def test_case_list_is_cards_on_a_360px_phone(browser, site):
    office = JudicialOfficeFactory()
    caseworker = user_with_role(Role.CASEWORKER, judicial_office=office)
    for family, given in [("欧阳", "明月"), ("王", "建国"), ("司马", "相如")]:
        SupervisedPersonFactory(
            judicial_office=office, caseworkers=[caseworker], family_name=family, given_name=given
        )
    with journey_in(browser, site.url, "zh-hans") as journey:
        page = journey.log_in(caseworker, narrow=True)
        journey.go(page, "/casework/")

        names = page.locator("table.table-cards tbody tr td:first-child a")
        expect(names).to_have_count(3)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 360 + 1, f"the case list is {width} px wide at 360 px"
        for cell in names.evaluate_all(_NAME_BOXES):
            assert cell["height"] < 2 * cell["lineHeight"], cell  # on one line
            assert cell["cellWidth"] > 3 * cell["fontSize"], cell  # wider than three characters


_NAME_BOXES = """els => els.map(e => {
  const r = e.getBoundingClientRect(), cell = e.closest("td").getBoundingClientRect();
  const style = getComputedStyle(e);
  const size = parseFloat(style.fontSize);
  const line = style.lineHeight === "normal" ? 1.2 * size : parseFloat(style.lineHeight);
  return {
    text: e.textContent, height: r.height, cellWidth: cell.width, fontSize: size, lineHeight: line
  };
})"""


def _assert_site_frame(page: Page, journey, status: int, heading: str, response) -> None:
    assert response.status == status, f"{page.url} answered {response.status}"
    expect(page.locator("html")).to_have_attribute("lang", journey.html_lang)
    expect(page.get_by_role("heading", level=1, name=journey.t(heading))).to_be_visible()
    expect(page.locator(".site-header")).to_be_visible()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_forbidden_page_for_a_provider_on_a_caseworker_page(browser, site, language):
    staff = MembershipFactory().user
    with journey_in(browser, site.url, language) as journey:
        page = journey.log_in(staff)
        response = page.goto(f"{site.url}/casework/")

        _assert_site_frame(page, journey, 403, "Access denied", response)
        expect(page.locator(".site-footer")).to_be_visible()
        expect(
            page.get_by_text(journey.t("You do not have permission to open this page."))
        ).to_be_visible()
        expect(page.get_by_role("link", name=journey.t("Go to the home page"))).to_be_visible()
        page.get_by_role("link", name=journey.t("Go to your dashboard")).click()
        expect(page).to_have_url(f"{site.url}/dashboard/")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_csrf_failure_page_says_what_to_do(browser, site, language):
    with journey_in(browser, site.url, language) as journey:
        page = journey.go(journey.page(), "/accounts/login/")
        page.locator("input[name=csrfmiddlewaretoken]").first.evaluate(
            "e => e.value = 'x'.repeat(64)"
        )
        journey.field(page, "Email").fill("somebody@example.cn")
        journey.field(page, "Password").fill("not-the-password")
        with page.expect_navigation() as navigation:
            page.get_by_role("button", name=journey.t("Sign In"), exact=True).click()

        _assert_site_frame(page, journey, 403, "Access denied", navigation.value)
        expect(page.locator(".site-footer")).to_be_visible()
        expect(page.locator(".error-page")).to_contain_text(
            journey.t(
                "The form could not be sent because its security check failed, usually because "
                "the page was open for a long time or cookies are blocked. Go back, reload the "
                "page and try again."
            )
        )
        page.get_by_role("link", name=journey.t("Go to the home page")).click()
        expect(page).to_have_url(f"{site.url}/")


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_server_error_page_in_the_readers_language_with_a_way_home(browser, site, language):
    with journey_in(browser, site.url, language) as journey:
        page = journey.page()
        response = page.goto(f"{site.url}/test-broken/")

        _assert_site_frame(page, journey, 500, "Something went wrong on our side", response)
        expect(page.locator("body")).not_to_contain_text("boom")
        page.get_by_role("link", name=journey.t("Go to the home page")).click()
        expect(page).to_have_url(f"{site.url}/")
