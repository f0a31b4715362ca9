"""The public catalog: faceted filters, Chinese keyword search, nearest first, pages, details."""

from datetime import date, timedelta

import pytest

from django.template import Context, Template
from django.urls import reverse

from matching.models import Category
from services_catalog.models import CostKind, DeliveryMode
from tests.factories.services_catalog import ServiceOfferPageFactory

pytestmark = pytest.mark.django_db

CATALOG = reverse("services_catalog:catalog")


def titles(response) -> list[str]:
    return [item.title for item in response.context["page_obj"].object_list]


@pytest.fixture
def offers(section_a, section_b):
    counseling = ServiceOfferPageFactory(
        section=section_a,
        title="个体心理咨询",
        summary="持证心理咨询师一对一咨询，缓解焦虑情绪。",
        delivery_modes=[DeliveryMode.ON_SITE, DeliveryMode.ONLINE],
        jurisdiction_code="410102",
    )
    training = ServiceOfferPageFactory(
        section=section_b,
        title="中式面点师技能培训",
        summary="为期一个月的面点制作培训，考核合格推荐就业。",
        description="<p>学习馒头、包子、花卷制作。</p>",
        categories=Category.objects.filter(slug="vocational-skills-training"),
        cost=CostKind.FEE,
        fee_amount="300.00",
        languages=["zh", "zh-henan"],
        jurisdiction_code="410303",
    )
    youth = ServiceOfferPageFactory(
        section=section_b,
        title="未成年人复学帮扶",
        summary="为未成年人提供学业辅导。",
        description="<p>课业辅导与复学衔接。</p>",
        categories=Category.objects.filter(slug="education-support"),
        accepts_adults=False,
        accepts_juveniles=True,
        delivery_modes=[DeliveryMode.HOME_VISIT],
        jurisdiction_code="410702",
    )
    return counseling, training, youth


def test_catalog_lists_published_offers_only(client, offers, section_a):
    ServiceOfferPageFactory(section=section_a, title="草稿服务", live=False)
    response = client.get(CATALOG)
    assert response.status_code == 200
    assert sorted(titles(response)) == sorted(offer.title for offer in offers)


def test_offer_past_its_end_date_is_not_listed(client, offers, section_a):
    ServiceOfferPageFactory(
        section=section_a, title="已结束服务", valid_until=date.today() - timedelta(days=2)
    )
    assert "已结束服务" not in titles(client.get(CATALOG))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"category": "vocational-skills-training"}, ["中式面点师技能培训"]),
        ({"city": "410300"}, ["中式面点师技能培训"]),
        ({"county": "410102"}, ["个体心理咨询"]),
        ({"delivery_mode": "online"}, ["个体心理咨询"]),
        ({"audience": "juveniles"}, ["未成年人复学帮扶"]),
        ({"language": "zh-henan"}, ["中式面点师技能培训"]),
    ],
)
def test_each_filter_narrows_the_list(client, offers, query, expected):
    assert titles(client.get(CATALOG, query)) == expected


def test_service_area_covering_a_county_counts_as_being_there(client, section_a, offers):
    offer = ServiceOfferPageFactory(section=section_a, title="全市上门服务")
    offer.service_area.set([offers[0].locations.first().jurisdiction.parent])
    offer.save_revision().publish()
    assert "全市上门服务" in titles(client.get(CATALOG, {"county": "410105"}))


def test_category_facets_count_the_listed_offers(client, offers):
    facets = {facet.slug: facet.offer_count for facet in client.get(CATALOG).context["facets"]}
    assert facets["psychological-counseling"] == 1
    assert facets["vocational-skills-training"] == 1
    assert facets["legal-education"] == 0


@pytest.mark.parametrize(
    ("keyword", "expected"),
    [
        ("心理咨询", "个体心理咨询"),
        ("面点培训", "中式面点师技能培训"),
        ("复学", "未成年人复学帮扶"),
    ],
)
def test_chinese_keyword_search_finds_the_offer(client, offers, keyword, expected):
    found = titles(client.get(CATALOG, {"q": keyword}))
    assert found and found[0] == expected


def test_keyword_without_match_lists_nothing(client, offers):
    assert titles(client.get(CATALOG, {"q": "潜水执照"})) == []


def test_nearest_sort_starts_with_the_offer_in_the_chosen_county(client, offers):
    response = client.get(CATALOG, {"sort": "nearest", "near": "410303"})
    assert titles(response)[0] == "中式面点师技能培训"
    distances = [item.distance_km for item in response.context["page_obj"].object_list]
    assert distances == sorted(distances)


def test_nearest_sort_keeps_the_keyword_filter(client, offers):
    response = client.get(CATALOG, {"q": "面点培训", "sort": "nearest", "near": "410102"})
    assert titles(response) == ["中式面点师技能培训"]


def test_catalog_is_paginated(client, section_a):
    for number in range(14):
        ServiceOfferPageFactory(section=section_a, title=f"法治讲座{number:02d}")
    first = client.get(CATALOG, {"sort": "title"})
    second = client.get(CATALOG, {"sort": "title", "page": 2})
    assert len(titles(first)) == 12
    assert len(titles(second)) == 2
    assert set(titles(first)).isdisjoint(titles(second))


def test_detail_page_shows_locations_schedule_eligibility_contact_and_seats(client, section_a):
    offer = ServiceOfferPageFactory(
        section=section_a, title="家庭关系修复", seats=6, min_age=18, max_age=60
    )
    response = client.get(offer.url)
    html = response.content.decode()
    assert response.status_code == 200
    for text in ("家庭关系修复", "建设路1号", "09:00", "17:00", "王老师", "0371-66668888"):
        assert text in html
    assert response.context["page"].pk == offer.pk


def test_provider_profile_tag_lists_only_published_offers(section_a):
    ServiceOfferPageFactory(section=section_a, title="已发布服务")
    ServiceOfferPageFactory(section=section_a, title="未发布服务", live=False)
    html = Template("{% load services_catalog_tags %}{% provider_offers section %}").render(
        Context({"section": section_a})
    )
    assert "已发布服务" in html
    assert "未发布服务" not in html


@pytest.mark.parametrize(
    "query", [{"county": "419999"}, {"county": "410100"}, {"city": "410102"}, {"city": "41"}]
)
def test_an_unknown_area_or_one_of_another_level_is_refused_with_a_message(client, offers, query):
    response = client.get(CATALOG, query)

    (field,) = query
    (message,) = response.context["filter"].form.errors[field]
    assert response.status_code == 200 and message in response.content.decode()
    assert sorted(titles(response)) == sorted(offer.title for offer in offers)
