"""The catalog's list read as plain rows: counted by the query that reads the page, cards and
filters written in one loop, in both languages, showing the same things."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from matching.models import Category
from services_catalog.filters import ServiceOfferFilter
from services_catalog.selectors import offer_catalog
from tests.factories.services_catalog import ServiceOfferPageFactory

pytestmark = pytest.mark.django_db

CATALOG = reverse("services_catalog:catalog")


def titles(response) -> list[str]:
    return [card.title for card in response.context["page_obj"].object_list]


def test_offer_in_two_chosen_categories_is_listed_and_counted_once(client, section_a):
    both = Category.objects.filter(slug__in=["psychological-counseling", "legal-education"])
    ServiceOfferPageFactory(section=section_a, title="心理与法治讲座", categories=both)

    response = client.get(CATALOG, {"category": ["psychological-counseling", "legal-education"]})

    assert titles(response) == ["心理与法治讲座"]
    assert response.context["page_obj"].paginator.count == 1
    assert "共找到 1 项服务" in response.content.decode()


def test_list_is_counted_by_the_query_that_reads_its_page(client, section_a):
    for number in range(14):
        ServiceOfferPageFactory(section=section_a, title=f"法治讲座{number:02d}")
    client.get(CATALOG)

    with CaptureQueriesContext(connection) as captured:
        response = client.get(CATALOG, {"sort": "title", "page": 2})

    assert titles(response) == ["法治讲座12", "法治讲座13"]
    assert response.context["page_obj"].paginator.count == 14
    assert not [query for query in captured if "COUNT(*)" in query["sql"].split("FROM")[0]]


def test_page_past_the_end_shows_the_last_page(client, section_a):
    for number in range(14):
        ServiceOfferPageFactory(section=section_a, title=f"法治讲座{number:02d}")

    response = client.get(CATALOG, {"sort": "title", "page": 5})

    assert response.context["page_obj"].number == 2
    assert titles(response) == ["法治讲座12", "法治讲座13"]


def test_empty_list_says_nothing_matches(client, section_a):
    ServiceOfferPageFactory(section=section_a, title="心理辅导")

    response = client.get(CATALOG, {"audience": "juveniles"})

    assert titles(response) == []
    assert response.context["page_obj"].paginator.count == 0
    assert "没有符合条件的服务" in response.content.decode()


def test_card_escapes_what_providers_type(client, section_a):
    ServiceOfferPageFactory(
        section=section_a, title="<script>x</script>讲座", summary='"引号" & <b>粗体</b>'
    )

    body = client.get(CATALOG).content.decode()

    assert "<script>x</script>" not in body and "&lt;script&gt;x&lt;/script&gt;讲座" in body
    assert "&quot;引号&quot; &amp; &lt;b&gt;粗体&lt;/b&gt;" in body


@pytest.mark.parametrize(
    ("language", "away", "cost"), [("zh-hans", "距离 ", "免费"), ("en", " km away", "Free")]
)
def test_card_shows_distance_and_cost_in_the_reader_language(
    client, section_a, settings, language, away, cost
):
    ServiceOfferPageFactory(section=section_a, title="心理辅导", jurisdiction_code="410102")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    body = client.get(CATALOG, {"sort": "nearest", "near": "410303"}).content.decode()

    assert away in body
    assert f'<span class="badge">{cost}</span>' in body


def test_chosen_category_is_checked_and_a_wrong_county_is_explained(client, section_a):
    ServiceOfferPageFactory(section=section_a, title="心理辅导")

    body = client.get(
        CATALOG, {"category": "psychological-counseling", "county": "999999"}
    ).content.decode()

    assert 'value="psychological-counseling" checked>' in body
    assert body.count(" checked>") == 1
    assert '<span class="alert">' in body and 'id="id_county"' in body


def test_filter_forms_share_their_class_but_not_their_values():
    first = ServiceOfferFilter({"cost": "free"}, queryset=offer_catalog()).form
    second = ServiceOfferFilter({"cost": "fee"}, queryset=offer_catalog()).form

    assert type(first) is type(second)
    assert first["cost"].value() == "free" and second["cost"].value() == "fee"
    assert first.fields["county"] is not second.fields["county"]
