"""The catalog draws its cards and selects without widget templates, showing the same thing."""

import re

import pytest

from django.urls import reverse

from portal.organizations.models import Jurisdiction
from services_catalog.filters import ServiceOfferFilter
from services_catalog.selectors import area_choices, offer_catalog
from services_catalog.templatetags.services_catalog_tags import area_options, choice_field
from tests.factories.services_catalog import ServiceOfferPageFactory

pytestmark = pytest.mark.django_db

CATALOG = reverse("services_catalog:catalog")


def _same_markup(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("data", [None, {"cost": "fee"}, {"language": "zh-henan"}])
def test_filter_selects_are_drawn_as_their_widgets_draw_them(data):
    form = ServiceOfferFilter(data, queryset=offer_catalog()).form
    for name in ("delivery_mode", "cost", "audience", "language"):
        field = form[name]
        assert _same_markup(choice_field(field)) == _same_markup(field.as_widget())


def test_invalid_filter_value_goes_through_its_widget():
    form = ServiceOfferFilter({"cost": "gratis"}, queryset=offer_catalog()).form
    form.is_valid()
    assert choice_field(form["cost"]) == form["cost"].as_widget()


def test_area_options_mark_only_the_chosen_county():
    areas = area_choices()
    html = area_options(areas, "county", "410102")
    assert html.count(" selected") == 1
    assert '<option value="410102" selected>' in html
    assert " selected" not in area_options(areas, "county", "")
    assert " selected" not in area_options(areas, "county", '"><script>')
    assert html.count("<option") == len(areas["county"]) + 1


def test_card_shows_title_link_provider_categories_cost_and_place(client, section_a):
    offer = ServiceOfferPageFactory(section=section_a, title="个体心理咨询")
    body = client.get(CATALOG).content.decode()
    county = Jurisdiction.objects.select_related("parent").get(code="410102")
    assert f'<a href="{offer.url}" lang="zh-Hans">个体心理咨询</a>' in body
    assert offer.organization.name in body
    assert '<span class="tag">心理咨询</span>' in body or 'class="tag"' in body
    assert f"{county.full_name} · 建设路1号" in body
