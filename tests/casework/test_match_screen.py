"""The matching screen and the referral form: the need the offer meets is preselected, the
person's code is labelled as a pseudonymous person code, and each offer reads in one line."""

import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from matching.ranking import need_to_refer
from matching.types import Need
from tests.factories.casework import AssessedNeedFactory, category

pytestmark = pytest.mark.django_db

COUNSELING, TRAINING, HOUSING = (
    "psychological-counseling",
    "vocational-skills-training",
    "temporary-assistance-housing",
)


@pytest.mark.parametrize(
    ("needs", "categories", "expected"),
    [
        ((Need(COUNSELING, 5), Need(TRAINING, 3)), (TRAINING,), TRAINING),
        ((Need(COUNSELING, 5), Need(TRAINING, 3)), (HOUSING,), COUNSELING),
        ((Need(COUNSELING, 2), Need(TRAINING, 4)), (COUNSELING, TRAINING), TRAINING),
        ((Need(COUNSELING, 3), Need(TRAINING, 3)), (TRAINING, COUNSELING), COUNSELING),
        ((), (COUNSELING,), ""),
    ],
    ids=["second-need-met", "no-overlap", "most-urgent-met", "equal-first", "no-need"],
)
def test_the_need_to_refer_is_the_most_urgent_need_the_offer_meets(needs, categories, expected):
    assert need_to_refer(needs, categories) == expected


@pytest.fixture
def two_needs(person):
    """The person's needs: counseling (5, from the fixture) first, training (3) second."""
    AssessedNeedFactory(
        assessment=person.assessments.get(), category=category(TRAINING), priority=3
    )
    return person


def selected_need(page: str, select_id: str) -> str:
    select = re.search(rf'<select[^>]*id="{select_id}".*?</select>', page, re.S).group(0)
    return re.search(r'<option value="(\d+)"[^>]* selected', select).group(1)


def refer_page(client, person, document) -> str:
    url = reverse("casework:refer", args=[person.pk]) + f"?offer={document.key}"
    return client.get(url).content.decode()


def test_the_referral_form_preselects_the_second_need_when_the_offer_serves_it(
    client, caseworker, two_needs, offers, organization
):
    training = offers.add(organization_id=organization.pk, categories=(TRAINING,))
    client.force_login(caseworker)

    page = refer_page(client, two_needs, training)

    assert selected_need(page, "id_need_category") == str(category(TRAINING).pk)


def test_the_referral_form_preselects_the_first_need_when_the_offer_serves_none(
    client, caseworker, two_needs, offers, organization
):
    housing = offers.add(organization_id=organization.pk, categories=(HOUSING,))
    client.force_login(caseworker)

    page = refer_page(client, two_needs, housing)

    assert selected_need(page, "id_need_category") == str(category(COUNSELING).pk)


def test_the_matching_screen_preselects_the_need_each_offer_meets(
    client, caseworker, two_needs, offers, organization
):
    offers.add(organization_id=organization.pk, categories=(TRAINING,))
    client.force_login(caseworker)

    page = client.get(reverse("casework:person_match", args=[two_needs.pk])).content.decode()

    assert selected_need(page, "need-1") == str(category(TRAINING).pk)


def test_referral_screens_label_the_code_as_a_pseudonymous_person_code(
    client, caseworker, person, offer
):
    client.force_login(caseworker)

    for page in (
        refer_page(client, person, offer),
        client.get(reverse("casework:person_match", args=[person.pk])).content.decode(),
    ):
        assert f"人员代码（化名）: {person.referral_code}" in page
        assert "转介编号" not in page


def test_each_offer_reads_in_one_line_with_its_reasons_on_demand(
    client, caseworker, person, offers, organization
):
    offers.add(organization_id=organization.pk, seats=3, title="心理疏导小组")
    client.force_login(caseworker)

    page = client.get(
        reverse("casework:person_match", args=[person.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()

    facts = re.search(r'<p class="match-facts">(.*?)</p>', page, re.S).group(1)
    names = re.findall(r'class="match-fact match-fact-(\w+)"', facts)
    assert names == ["kind", "distance", "seats", "funding", "needs"]
    assert "服务项目" in facts and "公里" in facts and "3" in facts and "满足：心理咨询" in facts
    assert re.search(r'<details class="match-why"><summary>[^<]+</summary>\s*<ul><li>', page)
    assert "<script>" not in page


def test_the_category_filter_keeps_only_offers_of_that_category(
    client, caseworker, two_needs, offers, organization
):
    offers.add(organization_id=organization.pk, categories=(TRAINING,), title="电工培训班")
    offers.add(organization_id=organization.pk, categories=(COUNSELING,), title="心理疏导小组")
    client.force_login(caseworker)
    url = reverse("casework:person_match", args=[two_needs.pk])

    page = client.get(url, {"category": TRAINING}).content.decode()

    assert "电工培训班" in page and "心理疏导小组" not in page
    select = re.search(r'<select[^>]*id="id_category".*?</select>', page, re.S).group(0)
    assert re.search(rf'<option value="{TRAINING}" selected>', select)


def test_an_unknown_category_is_refused_with_a_message_and_no_results(
    client, caseworker, two_needs, offers, organization
):
    offers.add(organization_id=organization.pk, categories=(TRAINING,), title="电工培训班")
    client.force_login(caseworker)
    url = reverse("casework:person_match", args=[two_needs.pk])

    page = client.get(url, {"category": "no-such-category"}, HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert page.status_code == 200
    assert "电工培训班" not in page.content.decode()
    assert "选择一个有效的选项" in page.content.decode()


def test_the_category_select_is_drawn_without_reading_the_categories_each_time(
    client, caseworker, two_needs
):
    client.force_login(caseworker)
    url = reverse("casework:person_match", args=[two_needs.pk])
    for _ in range(2):
        client.get(url)

    with CaptureQueriesContext(connection) as captured:
        page = client.get(url).content.decode()

    assert f'<option value="{TRAINING}">' in page
    assert not [query for query in captured if 'FROM "matching_category"' in query["sql"]]


def test_a_category_switched_off_leaves_the_select_on_the_next_request(
    client, caseworker, two_needs
):
    client.force_login(caseworker)
    url = reverse("casework:person_match", args=[two_needs.pk])
    client.get(url)

    switched_off = category(TRAINING)
    switched_off.is_active = False
    switched_off.save()

    select = re.search(r'id="id_category".*?</select>', client.get(url).content.decode(), re.S)
    assert f'value="{TRAINING}"' not in select.group(0)
