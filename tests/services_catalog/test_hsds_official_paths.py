"""The HSDS API on every path of the official description (openapi.offline.json), exactly as
written there (no trailing slash): it answers GET in JSON, refuses writes with a JSON 405 even
without a CSRF token, and answers unknown ids and bad parameters with JSON errors, never HTML."""

import json
from pathlib import Path

import pytest

from django.test import Client

from tests.factories.services_catalog import ServiceOfferPageFactory

pytestmark = pytest.mark.django_db

DESCRIPTION = json.loads(
    (
        Path(__file__).resolve().parents[2]
        / "services_catalog"
        / "hsds"
        / "schema"
        / "openapi.offline.json"
    ).read_text()
)
PATHS = sorted(DESCRIPTION["paths"])
LISTS = [path for path in PATHS if path != "/" and "{id}" not in path]
DETAILS = [path for path in PATHS if "{id}" in path]
MISSING = "00000000-0000-4000-8000-000000000000"
BAD_PARAMETERS = [
    {"page": "0"},
    {"page": "two"},
    {"per_page": "-1"},
    {"search": "a\x00b"},
]


@pytest.fixture
def api(section_a):
    """A client that checks CSRF tokens as a browser's requests are checked, and one offer."""
    ServiceOfferPageFactory(section=section_a, title="个体心理咨询")
    return Client(enforce_csrf_checks=True)


def _url(api, path: str) -> str:
    """The official path under /api/hsds, its {id} filled with the first listed item's id."""
    if "{id}" in path:
        listing = api.get("/api/hsds" + path.removesuffix("/{id}")).json()
        path = path.replace("{id}", listing["contents"][0]["id"])
    return "/api/hsds" + path


def _assert_json_error(response, status: int) -> None:
    """A JSON error with its message: the API's own ("error"), or the site's refusal of hostile
    input before any view runs ("detail", portal.views.bad_request)."""
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body.get("error") or body.get("detail")


def test_the_description_has_the_paths_of_hsds_3():
    assert {"/", "/services", "/services/{id}", "/organizations/{id}"} <= set(PATHS)


@pytest.mark.parametrize("path", PATHS)
def test_every_official_path_answers_get_in_json_without_a_trailing_slash(api, path):
    url = _url(api, path)
    assert path == "/" or not url.endswith("/")

    response = api.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", PATHS)
def test_every_official_path_refuses_writes_with_a_json_405(api, path, method):
    response = getattr(api, method)(_url(api, path), data="{}", content_type="application/json")

    _assert_json_error(response, 405)
    assert response["Allow"] == "GET, HEAD"


@pytest.mark.parametrize("path", DETAILS)
def test_unknown_ids_on_every_detail_path_are_a_json_404(api, path):
    _assert_json_error(api.get("/api/hsds" + path.replace("{id}", MISSING)), 404)


@pytest.mark.parametrize("params", BAD_PARAMETERS)
@pytest.mark.parametrize("path", LISTS)
def test_bad_parameters_on_every_list_path_are_a_json_400(api, path, params):
    _assert_json_error(api.get("/api/hsds" + path, params), 400)
