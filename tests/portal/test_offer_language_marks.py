"""Issue 15: offers stay in their provider's language (Chinese), marked as such for readers of
another language: the title in an element with lang="zh-Hans" and an "in Chinese" tag."""

import re

import pytest

from django.conf import settings
from django.urls import reverse

from services_catalog.models import DeliveryMode
from tests.factories.employment import JobOfferPageFactory
from tests.factories.services_catalog import ServiceOfferPageFactory
from tests.factories.volunteers import ShiftFactory

pytestmark = pytest.mark.django_db

TAG = '<span class="tag lang-tag">in Chinese</span>'
IN_CHINESE = re.compile(r'<(\w+)[^>]*\blang="zh-Hans"[^>]*>(.*?)</\1>', re.DOTALL)


def _read(client, url: str, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _marked_chinese(body: str) -> str:
    """The text of the elements marked as Chinese."""
    return "\n".join(match.group(2) for match in IN_CHINESE.finditer(body))


def _offer():
    return ServiceOfferPageFactory(
        title="心理辅导<小组>", delivery_modes=[DeliveryMode.ON_SITE, DeliveryMode.ONLINE]
    )


def _job():
    return JobOfferPageFactory(title="数控车床操作工")


def _opportunity():
    return ShiftFactory(opportunity__title="敬老院陪伴").opportunity


PAGES = {
    "catalog": (_offer, lambda offer: reverse("services_catalog:catalog")),
    "offer": (_offer, lambda offer: offer.url),
    "jobs": (_job, lambda job: reverse("employment:job_board")),
    "job": (_job, lambda job: job.url),
    "opportunities": (_opportunity, lambda page: reverse("volunteers:opportunities")),
    "opportunity": (
        _opportunity,
        lambda page: reverse("volunteers:opportunity_detail", args=[page.pk]),
    ),
    "opportunity page": (_opportunity, lambda page: page.url),
}


@pytest.mark.parametrize("name", PAGES)
def test_in_english_the_offer_title_is_marked_chinese_and_tagged(client, name):
    make, url = PAGES[name]
    offer = make()

    body = _read(client, url(offer), "en")

    assert offer.title.replace("<", "&lt;").replace(">", "&gt;") in _marked_chinese(body)
    assert TAG in body


@pytest.mark.parametrize("name", PAGES)
def test_in_chinese_no_tag_is_shown(client, name):
    make, url = PAGES[name]
    offer = make()

    body = _read(client, url(offer), "zh-hans")

    assert offer.title.replace("<", "&lt;").replace(">", "&gt;") in body
    assert "lang-tag" not in body


def test_in_english_the_summary_and_description_of_an_offer_are_marked_chinese(client):
    offer = _offer()

    marked = _marked_chinese(_read(client, offer.url, "en"))

    assert offer.summary in marked
    assert "由持证心理咨询师提供个体咨询" in marked


@pytest.mark.parametrize(
    ("language", "delivery"), [("en", "On site, Online"), ("zh-hans", "到场服务、线上服务")]
)
def test_delivery_modes_are_joined_in_the_reader_language(client, language, delivery):
    offer = _offer()

    body = _read(client, offer.url, language)

    assert delivery in body
