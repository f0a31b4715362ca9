"""The retired figure pages (/casework/reports/, /jobs/figures/ and its CSV) answer with a
permanent redirect to the report that replaced them, keeping the year the old address chose."""

import pytest

from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/casework/reports/", "/reports/persons/"),
        ("/jobs/figures/", "/reports/employment/"),
        ("/jobs/figures/?year=2025", "/reports/employment/?period=year&year=2025"),
        ("/jobs/figures/?year=&by=employer", "/reports/employment/"),
        ("/jobs/figures.csv?by=county", "/reports/employment/?format=csv"),
        ("/jobs/figures.csv?year=2025", "/reports/employment/?format=csv&period=year&year=2025"),
    ],
)
def test_an_old_address_moves_permanently_to_its_report(client, old, new):
    response = client.get(old)

    assert response.status_code == 301
    assert response["Location"] == new


def test_the_year_of_an_old_link_reports_that_year_for_the_widest_place(client, manager):
    client.force_login(manager)

    response = client.get("/jobs/figures/?year=2025", follow=True)

    assert response.status_code == 200
    scope = response.context["scope"]
    assert (scope.jurisdiction.code, scope.period.start.isoformat()) == ("410102", "2025-01-01")
    assert scope.period.end.isoformat() == "2025-12-31"


def test_the_old_csv_link_downloads_the_report_as_csv(client, manager):
    client.force_login(manager)

    response = client.get("/jobs/figures.csv?year=2025", follow=True)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")


def test_whoever_may_not_read_reports_is_still_refused_after_the_redirect(client):
    client.force_login(UserFactory())

    assert client.get("/casework/reports/", follow=True).status_code == 403
