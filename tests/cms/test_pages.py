from datetime import timedelta

import pytest

from django.core.exceptions import ValidationError

from wagtail.models import Page

from cms.models import (
    EventIndexPage,
    EventPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PolicyIndexPage,
    PolicyPage,
    StandardPage,
)
from tests.factories.cms import (
    EventPageFactory,
    NewsPageFactory,
    PolicyPageFactory,
    StandardPageFactory,
    event_index,
    news_index,
    policy_index,
    site_home,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages():
    return {
        "home": site_home(),
        "standard": StandardPageFactory(title="关于我们"),
        "news_index": news_index(),
        "news": NewsPageFactory(title="平台上线试运行"),
        "event_index": event_index(),
        "event": EventPageFactory(title="社区矫正法宣传周"),
        "policy_index": policy_index(),
        "policy": PolicyPageFactory(title="关于加强社区矫正工作的决定"),
    }


@pytest.mark.parametrize(
    "name",
    ["home", "standard", "news_index", "news", "event_index", "event", "policy_index", "policy"],
)
def test_every_page_type_renders_in_chinese(client, pages, name):
    response = client.get(pages[name].url)

    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="zh-Hans">' in content
    assert "跳到正文" in content
    assert pages[name].title in content


@pytest.mark.parametrize(
    "name",
    ["home", "standard", "news_index", "news", "event_index", "event", "policy_index", "policy"],
)
def test_every_page_type_renders_in_english(english, pages, name):
    response = english.get(pages[name].url)

    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="en">' in content
    assert "Skip to content" in content


def test_home_page_shows_how_to_take_part_with_registration_links(client, pages):
    content = client.get("/").content.decode()

    assert "参与方式" in content
    assert 'href="/organizations/register/"' in content
    assert 'href="/accounts/signup/"' in content
    assert 'href="/jobs/"' in content


def test_home_page_lists_latest_news_and_upcoming_events(client, pages):
    content = client.get("/").content.decode()

    assert "平台上线试运行" in content
    assert "社区矫正法宣传周" in content


def test_event_index_separates_upcoming_and_past_events(client, pages):
    past = EventPageFactory(
        title="往年宣传周", start=pages["event"].start - timedelta(days=400), end=None
    )

    response = client.get(pages["event_index"].url)

    assert [event.pk for event in response.context["upcoming"]] == [pages["event"].pk]
    assert [event.pk for event in response.context["past"]] == [past.pk]


def test_news_index_is_paginated_newest_first(client, pages):
    for _ in range(11):
        NewsPageFactory()

    first = client.get(pages["news_index"].url)
    second = client.get(pages["news_index"].url, {"page": 2})

    dates = [item.date for item in first.context["news_page"]]
    assert dates == sorted(dates, reverse=True)
    assert len(dates) == 10
    assert len(second.context["news_page"]) == 2


def test_unpublished_news_is_not_listed(client, pages):
    pages["news"].unpublish()

    response = client.get(pages["news_index"].url)

    assert "平台上线试运行" not in response.content.decode()


def test_policy_page_marks_a_summary_as_not_the_official_text(client, pages):
    pages["policy"].is_summary = True
    pages["policy"].save()

    content = client.get(pages["policy"].url).content.decode()

    assert "不是正式文本" in content
    assert "河南省人民代表大会常务委员会" in content


def test_event_cannot_end_before_it_starts(pages):
    event = pages["event"]
    event.end = event.start - timedelta(hours=1)

    with pytest.raises(ValidationError) as error:
        event.full_clean()

    assert "end" in error.value.message_dict


def test_unknown_address_answers_with_the_translated_not_found_page(client, english, pages):
    response = english.get("/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize(
    ("child", "parent", "allowed"),
    [
        (HomePage, Page, True),
        (StandardPage, HomePage, True),
        (StandardPage, StandardPage, True),
        (NewsIndexPage, HomePage, True),
        (NewsPage, NewsIndexPage, True),
        (NewsPage, HomePage, False),
        (NewsPage, StandardPage, False),
        (EventPage, EventIndexPage, True),
        (EventPage, NewsIndexPage, False),
        (PolicyPage, PolicyIndexPage, True),
        (PolicyPage, HomePage, False),
        (StandardPage, NewsIndexPage, False),
        (NewsIndexPage, StandardPage, False),
        (PolicyIndexPage, PolicyIndexPage, False),
        (HomePage, HomePage, False),
    ],
)
def test_page_tree_rules(child, parent, allowed):
    assert (child in parent.allowed_subpage_models()) is allowed


def test_there_is_only_one_home_page_news_index_and_policy_library(pages):
    home = pages["home"]
    home.refresh_from_db()  # one index of each kind per home page (and per language)

    assert not HomePage.can_create_at(Page.get_first_root_node())
    assert not NewsIndexPage.can_create_at(home)
    assert not PolicyIndexPage.can_create_at(home)
    assert StandardPage.can_create_at(home)
