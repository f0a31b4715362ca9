"""The matching screen draws once what its rows repeat, and keeps the drawn filter fields per
language, categories and values: the page reads the same, with less drawing per request."""

import re
from datetime import time
from unittest import mock

import pytest

from django.forms.boundfield import BoundField
from django.test.signals import template_rendered
from django.urls import reverse
from django.utils import translation

from casework.templatetags import casework_tags
from matching.models import Category
from matching.schedules import weekly

pytestmark = pytest.mark.django_db

FILTERS = {"q": "心理", "kind": ["service", "job"], "max_distance_km": "30", "funded_only": "on"}


@pytest.fixture(autouse=True)
def no_drawn_filters():
    casework_tags._drawn_filters.clear()
    yield
    casework_tags._drawn_filters.clear()


@pytest.fixture
def match_url(person):
    return reverse("casework:person_match", args=[person.pk])


def filters_of(page: str) -> str:
    return re.search(r'<form method="get" class="match-filters">.*?</form>', page, re.S).group(0)


def widgets_drawn(client, url: str, data: dict) -> tuple[str, int]:
    """The page and how many field widgets were drawn for it."""
    real = BoundField.as_widget
    with mock.patch.object(BoundField, "as_widget", autospec=True, side_effect=real) as drawn:
        page = client.get(url, data).content.decode()
    return page, drawn.call_count


def test_the_same_filters_are_drawn_by_their_widgets_once(client, caseworker, match_url):
    client.force_login(caseworker)

    first, first_drawn = widgets_drawn(client, match_url, FILTERS)
    again, again_drawn = widgets_drawn(client, match_url, FILTERS)

    assert first_drawn > 0
    assert again_drawn == 0
    assert filters_of(again) == filters_of(first)
    assert 'value="心理"' in again and 'value="job" id="id_kind_1" checked' in again
    assert 'name="funded_only" id="id_funded_only" checked' in again


def test_each_request_shows_its_own_filter_values(client, caseworker, match_url):
    client.force_login(caseworker)
    client.get(match_url, FILTERS)

    page = client.get(match_url, {**FILTERS, "q": "就业", "kind": "mentor"}).content.decode()

    assert 'value="就业"' in page and 'value="心理"' not in page
    assert 'value="mentor" id="id_kind_4" checked' in page
    assert 'value="job" id="id_kind_1" checked' not in page


def test_the_filters_follow_the_reader_language_and_the_categories(client, caseworker, match_url):
    client.force_login(caseworker)
    chinese = filters_of(client.get(match_url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode())
    client.cookies["django_language"] = "en"
    english = filters_of(client.get(match_url).content.decode())
    for category in Category.objects.filter(is_active=True):  # saved, as the admin does
        category.is_active = False
        category.save()

    emptied = filters_of(client.get(match_url).content.decode())

    assert "关键词" in chinese and "Keyword" in english
    assert english.count("<option") > 1
    assert emptied.count("<option") == 1


def test_filters_with_errors_show_their_errors_on_every_request(client, caseworker, match_url):
    client.force_login(caseworker)
    bad = {"max_distance_km": "0"}

    pages = [client.get(match_url, bad).content.decode() for _ in range(2)]

    for page in pages:
        assert 'class="errorlist"' in page
        assert 'aria-invalid="true"' in page
    assert casework_tags._drawn_filters == {}


def test_the_rows_share_one_drawing_of_the_language_label(
    client, caseworker, person, offers, organization, match_url
):
    for _ in range(3):
        offers.add(organization_id=organization.pk, seats=3)
    client.force_login(caseworker)
    drawn = []

    def record(sender, template, **kwargs):
        drawn.append(template.name)

    template_rendered.connect(record)
    try:
        page = client.get(match_url).content.decode()
    finally:
        template_rendered.disconnect(record)

    assert page.count('<li class="card">') == 3
    assert drawn.count("portal/includes/content_language.html") == 1


def test_each_referral_form_offers_every_category_and_the_consented_fields(
    client, caseworker, person, offers, organization, match_url
):
    offers.add(organization_id=organization.pk, seats=3)
    offers.add(organization_id=organization.pk, seats=3)
    Category.objects.filter(is_active=True).update(name_en="<b>Care</b>")
    client.force_login(caseworker)
    client.cookies["django_language"] = "en"

    page = client.get(match_url).content.decode()

    active = Category.objects.filter(is_active=True).count()
    for select in re.findall(
        r'<select id="need-\d+" name="need_category">(.*?)</select>', page, re.S
    ):
        assert select.count("<option") == active
        assert "&lt;b&gt;Care&lt;/b&gt;" in select and "<b>" not in select
    boxes = re.findall(
        r'<input type="checkbox" name="shared_fields" value="(\w+)"( checked)?>', page
    )
    assert ("first_name", " checked") in boxes
    assert all(checked == "" for value, checked in boxes if value != "first_name")


def test_a_kept_schedule_follows_the_reader_language():
    casework_tags._drawn_schedules.clear()
    schedule = weekly(1, time(9), time(11, 30))
    drawn = {}
    for language in ("zh-hans", "en", "zh-hans"):
        with translation.override(language):
            drawn.setdefault(language, []).append(casework_tags._schedule_text(schedule))
    casework_tags._drawn_schedules.clear()

    assert drawn == {"zh-hans": ["星期一 09:00–11:30"] * 2, "en": ["Monday 09:00–11:30"]}
