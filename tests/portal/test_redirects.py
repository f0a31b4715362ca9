"""No open redirect: every `next` goes through portal.redirects (same host and scheme only)."""

import pytest

from django.test import RequestFactory

from portal.redirects import next_url, referring_url
from tests.factories.portal import StaffAssignmentFactory

OFF_SITE = [
    "https://evil.example/",
    "//evil.example/path",
    "http:evil.example",
    "/\\evil.example",
    "javascript:alert(1)",
    " https://evil.example",
]


@pytest.mark.parametrize("target", OFF_SITE)
def test_an_off_site_next_gives_the_fallback(target):
    request = RequestFactory().post("/x/", {"next": target})
    assert next_url(request, "/fallback/") == "/fallback/"


@pytest.mark.parametrize("target", ["/casework/", "/services/?q=a&page=2", "http://testserver/x/"])
def test_a_same_site_next_is_followed(target):
    request = RequestFactory().get("/x/", {"next": target})
    assert next_url(request, "/fallback/") == target


def test_https_pages_never_send_back_to_http():
    request = RequestFactory().get("/x/", {"next": "http://testserver/x/"}, secure=True)
    assert next_url(request, "/fallback/") == "/fallback/"


def test_an_off_site_referer_gives_no_back_link():
    request = RequestFactory().get("/x/", headers={"referer": "https://evil.example/"})
    assert referring_url(request) is None


@pytest.mark.django_db
@pytest.mark.parametrize("target", OFF_SITE)
def test_the_shortlist_form_never_redirects_off_site(client, target):
    from tests.factories.casework import SupervisedPersonFactory

    assignment = StaffAssignmentFactory()
    person = SupervisedPersonFactory(
        judicial_office=assignment.judicial_office, caseworkers=[assignment.user]
    )
    client.force_login(assignment.user)
    response = client.post(
        f"/casework/persons/{person.pk}/shortlist/",
        {"offer_key": "service:0", "remove": "1", "next": target},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/casework/persons/{person.pk}/match/"


@pytest.mark.django_db
@pytest.mark.parametrize("target", OFF_SITE)
def test_the_language_switch_never_redirects_off_site(client, target):
    response = client.post("/i18n/setlang/", {"language": "en", "next": target})
    assert "evil.example" not in response.get("Location", "")
