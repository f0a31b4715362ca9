"""Everyday use in a browser: the catalog on a 360 px phone, and the site search in English."""

import pytest
from playwright.sync_api import expect

from tests.factories.employment import JobOfferPageFactory
from tests.factories.services_catalog import ServiceOfferPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SMALL_PHONE = {"width": 360, "height": 740}


@pytest.fixture
def small_phone(browser):
    context = browser.new_context(viewport=SMALL_PHONE, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def offers(site):
    ServiceOfferPageFactory(title="个体心理咨询服务", summary="持证心理咨询师一对一心理咨询")
    ServiceOfferPageFactory(title="家庭关系修复辅导", summary="社工入户开展家庭会谈")
    JobOfferPageFactory(title="心理咨询助理", description="<p>协助开展心理咨询</p>")


def test_catalog_on_a_360px_phone_shows_results_first_and_filters_behind_a_button(
    site, offers, small_phone
):
    small_phone.goto(f"{site.url}/services/")

    filters = small_phone.locator("form.filters")
    expect(filters).to_be_hidden()
    first_card = small_phone.locator(".card-grid .card").first
    expect(first_card).to_be_visible()
    assert first_card.bounding_box()["y"] < SMALL_PHONE["height"]
    assert small_phone.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]
    expect(small_phone.locator("#header-search-q")).to_be_visible()

    small_phone.locator("details.filters-toggle > summary").click()

    expect(filters).to_be_visible()
    expect(small_phone.locator("#id_q")).to_be_visible()


def test_english_site_search_from_the_header_finds_services_and_jobs(site, offers, small_phone):
    small_phone.context.add_cookies([{"name": "django_language", "value": "en", "url": site.url}])
    small_phone.goto(site.url)

    small_phone.locator("#header-search-q").fill("心理咨询")
    small_phone.locator("#header-search-q").press("Enter")

    expect(small_phone.locator("html")).to_have_attribute("lang", "en")
    hits = small_phone.locator(".search-hit")
    expect(hits.filter(has_text="个体心理咨询服务")).to_have_count(1)
    expect(hits.filter(has_text="心理咨询助理")).to_have_count(1)
    expect(small_phone.locator('.search-facets a[data-kind="job"]')).to_contain_text("Job offer")
    service = hits.filter(has_text="个体心理咨询服务")
    expect(service.locator(".lang-tag")).to_have_text("in Chinese")
    expect(service.locator("a[lang=zh-Hans]")).to_be_visible()
    expect(service.locator(".snippet mark").first).to_have_text("心理咨询")

    small_phone.locator('.search-facets a[data-kind="job"]').click()

    expect(hits).to_have_count(1)
    expect(hits.first).to_contain_text("心理咨询助理")
