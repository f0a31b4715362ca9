import pytest

from django.template.loader import render_to_string

from tests.factories.cms import PolicyPageFactory, site_home

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy():
    site_home()
    return PolicyPageFactory(title="中华人民共和国社区矫正法")


def test_chinese_is_the_default_whatever_the_browser_asks_for(client, policy):
    response = client.get(policy.url, headers={"accept-language": "en-US,en;q=0.9"})

    assert response.headers["Content-Language"] == "zh-hans"
    assert "返回政策法规库" in response.content.decode()


def test_switching_language_keeps_the_visitor_on_the_same_page(client, policy, settings):
    address = f"{policy.url}?from=search"

    response = client.post("/i18n/setlang/", {"language": "en", "next": address})

    assert response.status_code == 302
    assert response.url == address
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    english = client.get(address)
    assert english.headers["Content-Language"] == "en"
    assert "Back to the policy library" in english.content.decode()


def test_switching_back_to_chinese(english, policy):
    english.post("/i18n/setlang/", {"language": "zh-hans", "next": policy.url})

    assert "返回政策法规库" in english.get(policy.url).content.decode()


def test_unknown_language_in_the_cookie_falls_back_to_chinese(client, policy, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    response = client.get(policy.url)

    assert response.headers["Content-Language"] == "zh-hans"


def test_every_page_offers_the_switcher_back_to_the_same_address(client, policy):
    content = client.get(policy.url, {"page": "1"}).content.decode()

    assert 'action="/i18n/setlang/"' in content
    assert f'name="next" type="hidden" value="{policy.url}?page=1"' in content
    assert 'value="en" lang="en" aria-pressed="false">English</button>' in content


def test_responses_vary_on_the_language_cookie(client, policy):
    response = client.get(policy.url)

    assert "Cookie" in response.headers["Vary"]


def test_server_error_page_renders_without_a_request():
    assert "系统出现错误" in render_to_string("500.html")
