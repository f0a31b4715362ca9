"""Hostile input never gives a server error: NUL, absurd numbers, ids and years, long values."""

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from django.http import Http404
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from portal.accounts.models import Role
from portal.converters import MAX_DATABASE_ID
from portal.pagination import MAX_PAGE, bounded_page_number
from tests.factories.portal import StaffAssignmentFactory, user_with_role

pytestmark = pytest.mark.django_db

SKIPPED_PREFIXES = ("admin/", "django-admin/", "accounts/", "documents/", "healthz/", "i18n/")
PARAMETERS = (
    "q", "page", "per_page", "near", "sort", "year", "status", "state", "by", "kind", "category",
    "city", "county", "date_from", "date_to", "format", "wage", "search", "modified_after", "x",
)  # fmt: skip
HOSTILE = st.one_of(
    st.sampled_from(
        [
            "\x00",
            "a\x00b",
            "-1",
            "0",
            "99999999999999999999",
            "9223372036854775808",
            "1e400",
            "NaN",
            "-Infinity",
            "9999-99-99",
            "0000-00-00",
            "99999-01-01",
            "%",
            "'; --",
            "410102199001011234",
            "‮𝕏😀",
        ]
    ),
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.text(max_size=40),
    st.text(alphabet="9", min_size=1500, max_size=2500),
)


def _list_routes(patterns=None, prefix: str = "") -> list[str]:
    """Every parameterless GET route of the site (list pages, searches, exports)."""
    routes = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(SKIPPED_PREFIXES) or "<" in route or "^" in route:
            continue
        if isinstance(entry, URLResolver):
            routes += _list_routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            routes.append("/" + route)
    return sorted(set(routes))


@pytest.fixture
def clients(db) -> dict[str, Client]:
    result = {"anonymous": Client()}
    for role in (Role.CASEWORKER, Role.AGENCY_MANAGER, Role.OVERSIGHT, Role.VOLUNTEER):
        client = Client()
        client.force_login(user_with_role(role))
        result[role] = client
    return result


def test_the_sweep_covers_the_list_pages():
    routes = _list_routes()
    for needed in ("/services/", "/casework/", "/audit/", "/search/", "/jobs/"):
        assert needed in routes


@hypothesis_settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_hostile_query_values_on_every_list_page_never_give_a_server_error(clients, data):
    route = data.draw(st.sampled_from(_list_routes()), label="route")
    who = data.draw(st.sampled_from(sorted(clients)), label="who")
    names = data.draw(st.lists(st.sampled_from(PARAMETERS), min_size=1, max_size=3, unique=True))
    query = {name: data.draw(HOSTILE, label=name) for name in names}
    response = clients[who].get(route, query)
    assert response.status_code < 500, (route, who, query)


@pytest.mark.parametrize(
    "url",
    [
        "/services/?near=%00",
        "/services/?q=a%00b",
        "/search/?q=%00",
        "/services/%00/",
    ],
)
def test_nul_anywhere_in_the_address_is_a_bad_request(client, url):
    assert client.get(url).status_code == 400


def test_nul_in_a_cookie_is_refused_before_the_session_is_read(client, settings):
    client.cookies[settings.SESSION_COOKIE_NAME] = "abc\x00def"
    assert client.get("/services/").status_code == 400


def test_nul_in_a_posted_field_is_a_bad_request_and_changes_nothing(client):
    response = client.post("/accounts/signup/", {"email": "a\x00@example.cn"})
    assert response.status_code == 400


def test_an_over_long_posted_value_is_refused(client, settings):
    settings.REQUEST_VALUE_MAX_LENGTH = 100
    response = client.post("/accounts/signup/", {"email": "a" * 101})
    assert response.status_code == 400
    assert client.post("/accounts/signup/", {"email": "a" * 100}).status_code != 400


def test_an_over_long_query_value_is_refused(client, settings):
    value = "x" * (settings.QUERY_VALUE_MAX_LENGTH + 1)
    assert client.get("/services/", {"q": value}).status_code == 400


def test_the_admin_may_post_long_rich_text(client, settings):
    settings.REQUEST_VALUE_MAX_LENGTH = 10
    assert client.post("/django-admin/logout/", {"body": "a" * 50}).status_code != 400


@pytest.mark.parametrize(
    "url",
    [
        "/volunteers/hours/certificate/0/",
        "/volunteers/hours/certificate/0000/",
        "/volunteers/hours/certificate/99999/",
        f"/casework/persons/{MAX_DATABASE_ID + 1}/",
        "/casework/persons/99999999999999999999/",
        "/casework/persons/0/",
        "/organizations/99999999999999999999/",
    ],
)
def test_out_of_range_ids_and_years_are_not_found(clients, url):
    for client in clients.values():
        assert client.get(url).status_code == 404


def test_the_largest_id_is_looked_up_and_simply_not_found(clients):
    response = clients[Role.CASEWORKER].get(f"/casework/persons/{MAX_DATABASE_ID}/")
    assert response.status_code == 404


@pytest.mark.parametrize("raw", ["abc", "0", "-1", "1.5", "99999999999999999999", "１", "1e3"])
def test_malformed_page_numbers_are_not_found(raw):
    with pytest.raises(Http404):
        bounded_page_number(raw)


def test_page_numbers_within_bounds_are_kept():
    assert bounded_page_number(None) == 1 and bounded_page_number("") == 1
    assert bounded_page_number("7") == 7 and bounded_page_number(str(MAX_PAGE)) == MAX_PAGE


def test_a_page_past_the_end_shows_the_last_page(clients):
    response = clients[Role.AGENCY_MANAGER].get("/audit/", {"page": "5000"})
    assert response.status_code == 200


def test_an_absurd_page_on_the_matching_screen_is_not_found(client):
    from tests.factories.casework import SupervisedPersonFactory

    assignment = StaffAssignmentFactory()
    person = SupervisedPersonFactory(
        judicial_office=assignment.judicial_office, caseworkers=[assignment.user]
    )
    client.force_login(assignment.user)
    url = f"/casework/persons/{person.pk}/match/"
    assert client.get(url, {"page": "99999999999999999999"}).status_code == 404
    assert client.get(url, {"page": "-3"}).status_code == 404


def test_a_nul_under_the_api_is_refused_in_json(client):
    response = client.get("/api/hsds/services", {"search": "a\x00b"})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert list(response.json()) == ["error"] and response.json()["error"]
