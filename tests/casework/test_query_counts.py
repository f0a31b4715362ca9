"""Casework lists run as many queries for fifty rows as for one: case list, inbox, matching.

Written against the URLs, so that they hold whatever shape the views take. The case list and
the matching screen also stay within the 20-query ceiling of public pages (they read the staff
assignment and the latest assessment once each).
"""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from matching.backends import database
from matching.models import ReferralState
from tests.factories.casework import NeedsAssessmentFactory, SupervisedPersonFactory

pytestmark = pytest.mark.django_db


def queries_of(client, url: str) -> int:
    """Queries of a third request: the first fills the per-process caches and creates the
    site's menu and footer settings, which starts a new generation of the site frame."""
    for _ in range(2):
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def assert_flat(client, url: str, few: int, django_assert_max_num_queries) -> None:
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(few, info=url):
        client.get(url)


def test_case_list_queries_do_not_grow_with_the_persons(
    client, caseworker, office_a, person, django_assert_max_num_queries
):
    client.force_login(caseworker)
    few = queries_of(client, "/casework/")
    assert few <= 20

    for _ in range(49):
        NeedsAssessmentFactory(
            person=SupervisedPersonFactory(judicial_office=office_a, caseworkers=[caseworker]),
            version=1,
        )

    assert_flat(client, "/casework/", few, django_assert_max_num_queries)


def test_inbox_queries_do_not_grow_with_the_referrals(
    client, provider, referral_in, django_assert_max_num_queries
):
    referral_in(ReferralState.SENT)
    client.force_login(provider)
    few = queries_of(client, "/casework/inbox/")

    for state in [ReferralState.SENT, ReferralState.ACCEPTED, ReferralState.COMPLETED] * 16:
        referral_in(state)

    assert_flat(client, "/casework/inbox/", few, django_assert_max_num_queries)


def test_matching_screen_queries_do_not_grow_with_the_offers(
    client, caseworker, person, offers, organization, django_assert_max_num_queries
):
    offers.add(organization_id=organization.pk, seats=3)
    url = f"/casework/persons/{person.pk}/match/"
    client.force_login(caseworker)
    few = queries_of(client, url)
    assert few <= 20

    for _ in range(49):
        offers.add(organization_id=organization.pk, seats=3)

    # One more query once the matches fill a page: the capped count ("1,000+") that a page
    # holding every match does not need; it stays one query however many offers match.
    assert_flat(client, url, few + 1, django_assert_max_num_queries)
    assert few + 1 <= 20


def test_matching_screen_on_the_narrowed_ranking_stays_within_twenty_queries(
    client, caseworker, person, offers, organization, monkeypatch, django_assert_max_num_queries
):
    """A provincial index ranks in two passes (near the person, then the far candidates): the
    screen still runs a fixed number of queries, at most 20 with a full page."""
    monkeypatch.setattr(database, "NARROW_MIN_OFFERS", 0)
    narrowed = []
    candidates = database.candidate_sql

    def spy(*args):
        sql, beyond = candidates(*args)
        narrowed.append(sql is not None)
        return sql, beyond

    monkeypatch.setattr(database, "candidate_sql", spy)
    for _ in range(50):
        offers.add(organization_id=organization.pk, seats=3)
    url = f"/casework/persons/{person.pk}/match/"
    client.force_login(caseworker)

    full_page = queries_of(client, url)

    assert narrowed and all(narrowed)
    assert full_page <= 20


def test_matching_screen_queries_do_not_grow_with_the_offers_with_the_database_cache(
    client, caseworker, person, offers, organization, database_cache, django_assert_max_num_queries
):
    """As deployed without CACHE_URL, where every read of the default cache is a query: the
    names of the categories met are not read once per hit."""
    offers.add(organization_id=organization.pk, seats=3)
    url = f"/casework/persons/{person.pk}/match/"
    client.force_login(caseworker)
    few = queries_of(client, url)

    for _ in range(49):
        offers.add(organization_id=organization.pk, seats=3)

    assert_flat(client, url, few + 1, django_assert_max_num_queries)
