"""Every error answers in the site's layout, in the reader's language, with a way back."""

import pytest

from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import path

from portal.accounts.models import Role
from portal.urls import urlpatterns as site_patterns
from portal.views import server_error
from tests.factories.portal import user_with_role

pytestmark = pytest.mark.django_db

HEADINGS = {
    "zh-hans": {400: "错误的请求", 403: "拒绝访问", 404: "页面不存在", 500: "系统出现错误"},
    "en": {400: "Bad request", 403: "Access denied", 404: "Page not found", 500: "went wrong"},
}


def _forbidden(request):
    raise PermissionDenied


def _broken(request):
    raise RuntimeError("boom")


urlpatterns = [
    path("test-forbidden/", _forbidden),
    path("test-broken/", _broken),
    path("api/test-forbidden/", _forbidden),
    path("api/test-broken/", _broken),
    *site_patterns,
]
handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"


def _client(language: str, settings, **kwargs) -> Client:
    client = Client(**kwargs)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _assert_site_page(response, status: int, language: str) -> str:
    page = response.content.decode()
    assert response.status_code == status
    assert HEADINGS[language][status] in page
    assert 'class="site-header"' in page  # the site's frame, not a bare server page
    assert 'href="/"' in page  # a way back home
    return page


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_not_found_uses_the_site_layout_in_the_chosen_language(client, settings, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = _assert_site_page(client.get("/no-such-page/"), 404, language)
    assert 'role="search"' in page


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_bad_request_explains_the_refusal_in_the_chosen_language(client, settings, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = _assert_site_page(client.get("/services/", {"near": "\x00"}), 400, language)
    assert ("not allowed" in page) if language == "en" else ("不允许" in page)


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_forbidden_offers_sign_in_to_anonymous_visitors(client, settings, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = _assert_site_page(client.get("/test-forbidden/"), 403, language)
    assert "/accounts/login/?next=/test-forbidden/" in page


@pytest.mark.urls(__name__)
def test_forbidden_offers_the_dashboard_and_a_same_site_back_link(client):
    client.force_login(user_with_role(Role.VOLUNTEER))
    response = client.get("/test-forbidden/", headers={"referer": "http://testserver/jobs/"})
    page = _assert_site_page(response, 403, "zh-hans")
    assert 'href="/dashboard/"' in page and 'href="http://testserver/jobs/"' in page


@pytest.mark.urls(__name__)
def test_back_link_never_points_off_site(client):
    response = client.get("/test-forbidden/", headers={"referer": "https://evil.example/x"})
    assert "evil.example" not in response.content.decode()


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_server_error_page_is_translated_and_has_a_way_home(settings, language):
    client = _client(language, settings, raise_request_exception=False)
    page = _assert_site_page(client.get("/test-broken/"), 500, language)
    assert "boom" not in page


def test_server_error_renders_without_a_request_context(rf, settings):
    request = rf.get("/")
    request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Something went wrong" in server_error(request).content.decode()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_csrf_failure_says_what_to_do_in_the_chosen_language(settings, language):
    client = _client(language, settings, enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"login": "a@example.cn", "password": "x"})
    page = _assert_site_page(response, 403, language)
    assert ("reload the page" in page) if language == "en" else ("重新加载" in page)


API_ERRORS = {
    "zh-hans": {
        403: "您没有打开此页面的权限",
        404: "您访问的页面不存在",
        500: "服务器暂时无法应答",
    },
    "en": {403: "You do not have permission", 404: "does not exist", 500: "could not answer"},
}


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(
    ("url", "status"),
    [("/api/test-forbidden/", 403), ("/api/no-such-thing/", 404), ("/api/test-broken/", 500)],
)
def test_errors_under_the_api_have_one_json_shape_in_the_readers_language(
    settings, language, url, status
):
    client = _client(language, settings, raise_request_exception=False)
    response = client.get(url)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert list(response.json()) == ["error"]
    assert API_ERRORS[language][status] in response.json()["error"]
    assert "boom" not in response.content.decode()
