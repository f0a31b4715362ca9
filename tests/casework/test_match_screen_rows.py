"""The matching screen's rows are drawn in Python from texts translated once per language:
each row shows its offer's facts and reasons in the reader's language, its values as text,
and the shortlist and referral forms its state allows."""

import re

import pytest

from django.urls import reverse

from casework.selectors import current_needs, person_profile
from casework.services import referral_create, shortlist_add
from casework.templatetags import casework_tags
from matching.types import Need
from tests.factories.casework import (
    AssessedNeedFactory,
    NeedsAssessmentFactory,
    SupervisedPersonFactory,
    category,
)

pytestmark = pytest.mark.django_db


def rows_of(page: str) -> list[str]:
    return re.findall(r'<li class="card">.*?</li>\n(?=\n  <li class="card">|\n</ol>)', page, re.S)


def match_page(client, person, language: str) -> str:
    client.cookies["django_language"] = language
    return client.get(reverse("casework:person_match", args=[person.pk])).content.decode()


@pytest.mark.parametrize(
    ("language", "facts", "reasons"),
    [
        (
            "zh-hans",
            ["服务项目", "剩余 3 个名额", "政府购买服务资助", "满足：心理咨询"],
            ["满足需求：心理咨询（优先级 5）", "剩余 3 个名额"],
        ),
        (
            "en",
            ["Service offer", "3 seats left", "funded by contract", "meets: Psychological"],
            ["Meets needs: Psychological counseling (priority 5)", "3 seats left"],
        ),
    ],
)
def test_each_row_shows_its_facts_and_reasons_in_the_reader_language(
    client, caseworker, person, offers, organization, language, facts, reasons
):
    offers.add(organization_id=organization.pk, seats=3, funded_by_contract=True)
    client.force_login(caseworker)

    (row,) = rows_of(match_page(client, person, language))

    drawn_facts = re.search(r'<p class="match-facts">(.*?)</p>', row).group(1)
    drawn_reasons = re.findall(r"<li>(.*?)</li>", row)
    for fact in facts:
        assert fact in drawn_facts
    for reason in reasons:
        assert reason in drawn_reasons


def test_the_rows_follow_a_change_of_language_between_requests(
    client, caseworker, person, offers, organization
):
    offers.add(organization_id=organization.pk, seats=1)
    client.force_login(caseworker)

    chinese, english, again = (
        match_page(client, person, language) for language in ("zh-hans", "en", "zh-hans")
    )

    assert "为何排在此处" in chinese and "Why this offer ranks here" not in chinese
    assert "Why this offer ranks here" in english and "1 seat left" in english
    assert "剩余 1 个名额" in again and "1 seat left" not in again


def test_offer_values_are_drawn_as_text(client, caseworker, person, offers, organization):
    offers.add(
        organization_id=organization.pk,
        title="<b>{url}</b> 小组",
        provider_name="{frame[row]} & 中心",
        url="/offers/1/?a=1&b={key}",
    )
    client.force_login(caseworker)

    (row,) = rows_of(match_page(client, person, "zh-hans"))

    assert "&lt;b&gt;{url}&lt;/b&gt; 小组" in row
    assert '<span lang="zh-Hans">{frame[row]} &amp; 中心</span>' in row
    assert 'href="/offers/1/?a=1&amp;b={key}"' in row
    assert "<b>" not in row


def test_a_referred_offer_shows_its_badge_and_a_shortlisted_one_only_the_referral_form(
    client, caseworker, person, offers, organization
):
    shortlisted = offers.add(organization_id=organization.pk, title="已备选的服务")
    referred = offers.add(organization_id=organization.pk, title="已转介的服务")
    offers.add(organization_id=organization.pk, title="新的服务")
    shortlist_add(actor=caseworker, person=person, offer_key=shortlisted.key)
    referral_create(
        actor=caseworker,
        person=person,
        offer_key=referred.key,
        need_category=category(),
        shared_fields=["first_name"],
    )
    client.force_login(caseworker)

    rows = {
        re.search(r'lang="zh-Hans">([^<]+)</a>', row).group(1): row
        for row in rows_of(match_page(client, person, "zh-hans"))
    }

    assert '<p class="badge">已转介</p>' in rows["已转介的服务"]
    assert 'name="need_category"' not in rows["已转介的服务"]
    assert 'class="button-secondary">备选</button>' not in rows["已备选的服务"]
    assert 'name="need_category"' in rows["已备选的服务"]
    assert 'class="button-secondary">备选</button>' in rows["新的服务"]
    for row in rows.values():
        assert row.count('name="csrfmiddlewaretoken"') == row.count("<form")


def test_a_person_no_longer_supervised_gets_no_referral_form(
    client, caseworker, person, offers, organization
):
    offers.add(organization_id=organization.pk)
    person.status = "ended"
    person.save(update_fields=["status"])
    client.force_login(caseworker)

    (row,) = rows_of(match_page(client, person, "zh-hans"))

    assert "need_category" not in row and 'name="offer_key"' in row


def test_the_rows_are_numbered_for_their_need_selects(
    client, caseworker, person, offers, organization
):
    for _ in range(3):
        offers.add(organization_id=organization.pk)
    client.force_login(caseworker)

    page = match_page(client, person, "en")

    assert re.findall(r'<select id="need-(\d+)"', page) == ["1", "2", "3"]
    assert re.findall(r'<label for="need-(\d+)">Need</label>', page) == ["1", "2", "3"]


def test_the_page_frame_is_laid_out_once_per_page(
    client, caseworker, person, offers, organization, monkeypatch
):
    for _ in range(4):
        offers.add(organization_id=organization.pk)
    client.force_login(caseworker)
    frames = []
    real = casework_tags._row_frame
    monkeypatch.setattr(casework_tags, "_row_frame", lambda *args: frames.append(1) or real(*args))

    rows = rows_of(match_page(client, person, "zh-hans"))

    assert len(rows) == 4 and len(frames) == 1


def test_a_person_without_assessment_has_no_need_and_offers_still_rank(
    client, caseworker, office_a, offers, organization
):
    person = SupervisedPersonFactory(judicial_office=office_a, caseworkers=[caseworker])
    offers.add(organization_id=organization.pk)
    client.force_login(caseworker)

    page = match_page(client, person, "en")

    assert "No assessed need" in page
    assert len(rows_of(page)) == 1
    assert "meets no assessed need" in page


def test_only_the_current_assessment_needs_are_listed(
    client, caseworker, person, offers, organization
):
    newer = NeedsAssessmentFactory(person=person, version=2)
    AssessedNeedFactory(
        assessment=newer, category=category("vocational-skills-training"), priority=2
    )
    client.force_login(caseworker)

    page = match_page(client, person, "zh-hans")

    needs = re.search(r"<p class=\"muted\">需求: (.*?)</p>", page, re.S).group(1)
    assert "职业技能培训 (2)" in needs and "心理咨询" not in needs


def test_the_current_needs_are_read_in_one_query(person, django_assert_num_queries):
    newer = NeedsAssessmentFactory(person=person, version=2)
    AssessedNeedFactory(assessment=newer, category=category("legal-education"), priority=4)

    with django_assert_num_queries(1):
        needs = [(need.category.slug, need.priority) for need in current_needs(person)]

    assert needs == [("legal-education", 4)]
    assert person_profile(person).needs == (Need("legal-education", 4),)
