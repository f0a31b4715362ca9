"""The report lists and pages run the same number of queries for few and for many rows."""

from datetime import timedelta

import pytest

from django.utils import timezone

from portal.organizations.models import CorrectionsAgency
from reports.periods import quarter
from reports.services import opinion_issue, report_deliver
from tests.factories.casework import SupervisedPersonFactory
from tests.factories.portal import JudicialOfficeFactory
from tests.reports.conftest import oversight_user

pytestmark = pytest.mark.django_db
Q2 = {"jurisdiction": "410102", "period": "quarter", "year": "2026", "quarter": "2"}


def issue(procurator, count: int) -> None:
    agency = CorrectionsAgency.objects.get(jurisdiction__code="410102")
    for number in range(count):
        opinion_issue(
            actor=procurator,
            agency=agency,
            kind="suggestion",
            subject=f"事由{number}",
            content="请整改。",
            deadline=timezone.localdate() + timedelta(days=number + 1),
        )


def queries_for(client, url, data=None) -> int:
    """Queries of a request after a first one (which also loads the session and caches)."""
    client.get(url, data or {})
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, data or {}).status_code == 200
    return len(captured.captured_queries)


def test_opinion_list_does_not_grow_with_its_length(client, manager, procurator):
    client.force_login(procurator)
    issue(procurator, 1)
    few = queries_for(client, "/reports/opinions/")
    issue(procurator, 30)

    assert queries_for(client, "/reports/opinions/") <= few


def test_inbox_does_not_grow_with_its_length(client):
    unit = oversight_user("human_resources", "410100")
    client.force_login(unit)
    report_deliver(period=quarter(2026, 1))
    few = queries_for(client, "/reports/inbox/")
    for number in range(2, 5):
        report_deliver(period=quarter(2025, number))

    assert queries_for(client, "/reports/inbox/") <= few


def test_a_report_does_not_grow_with_the_people_it_counts(client, manager):
    office = JudicialOfficeFactory()
    SupervisedPersonFactory(judicial_office=office)
    client.force_login(manager)
    few = queries_for(client, "/reports/persons/", Q2)
    for _ in range(25):
        SupervisedPersonFactory(judicial_office=office, correction_type="parole")

    assert queries_for(client, "/reports/persons/", Q2) <= few
