"""The needs-coverage and referral reports against a hand-counted set of referrals."""

from datetime import datetime, timedelta

import pytest

from django.utils import timezone

from casework.models import PersonReferral
from matching.models import Category, ReferralEvent
from reports.definitions import ReportScope, needs_report, referrals_report
from reports.periods import quarter
from tests.factories.casework import (
    AssessedNeedFactory,
    NeedsAssessmentFactory,
    SupervisedPersonFactory,
)
from tests.factories.matching import ReferralFactory
from tests.factories.portal import JudicialOfficeFactory, jurisdiction

pytestmark = pytest.mark.django_db
Q2 = quarter(2026, 2)
PATHS = {
    "completed": ["sent", "accepted", "in_progress", "completed", "closed"],
    "declined": ["sent", "declined"],
    "waiting": ["sent"],
    "accepted": ["sent", "accepted"],
}


def at(day: int) -> datetime:
    return timezone.make_aware(datetime(2026, 4, day, 10, 0))


def refer(person, category, path: str, sent_day: int = 5):
    """A referral of a person that went through the states of `path`, a day between steps."""
    states = PATHS[path]
    answered = at(sent_day) + timedelta(days=2) if len(states) > 1 else None
    referral = ReferralFactory(
        need_category=category,
        state=states[-1],
        sent_at=at(sent_day),
        answered_at=answered,
        provider_name="阳光社工",
        decline_reason="名额已满" if states[-1] == "declined" else "",
        outcome="完成全部课程" if "completed" in states else "",
    )
    PersonReferral.objects.create(person=person, referral=referral)
    for step, state in enumerate(states):
        event = ReferralEvent.objects.create(
            referral=referral, from_state=states[step - 1] if step else "draft", to_state=state
        )
        moment = at(sent_day) + timedelta(days=2 * step)
        ReferralEvent.objects.filter(pk=event.pk).update(created_at=moment)
    return referral


@pytest.fixture
def counseling():
    return Category.objects.get(slug="psychological-counseling")


@pytest.fixture
def office():
    return JudicialOfficeFactory()


def person_needing(office, category):
    person = SupervisedPersonFactory(judicial_office=office)
    assessment = NeedsAssessmentFactory(person=person, version=1)
    AssessedNeedFactory(assessment=assessment, category=category)
    return person


def test_referral_funnel_counts_rates_and_days(office, counseling):
    for path in ["completed"] * 5 + ["declined"] * 5 + ["waiting"] * 5:
        refer(SupervisedPersonFactory(judicial_office=office), counseling, path)

    by_need = referrals_report(ReportScope(jurisdiction("410102"), Q2))[0]
    label, cells = by_need.rows[0]
    shown = dict(zip(by_need.columns, (cell.display for cell in cells), strict=True))

    assert label == counseling.display_name
    assert [shown[c] for c in by_need.columns[:6]] == ["5", "0", "5", "5", "0", "0"]
    assert shown[by_need.columns[6]] == "15"
    assert shown[by_need.columns[7]] == "50.0%"
    assert shown[by_need.columns[8]] == "100.0%"
    assert shown[by_need.columns[9]] == "2.0"


def test_a_closed_referral_counts_by_how_it_ended(office, counseling):
    for _ in range(5):
        refer(SupervisedPersonFactory(judicial_office=office), counseling, "completed")

    by_need = referrals_report(ReportScope(jurisdiction("410102"), Q2))[0]

    assert by_need.rows[0][1][2].display == "5"


def test_referrals_of_another_county_or_period_are_not_counted(office, counseling):
    other = JudicialOfficeFactory(agency__jurisdiction=jurisdiction("410105"))
    refer(SupervisedPersonFactory(judicial_office=other), counseling, "waiting")
    late = refer(SupervisedPersonFactory(judicial_office=office), counseling, "waiting")
    type(late).objects.filter(pk=late.pk).update(sent_at=at(5) + timedelta(days=120))

    tables = referrals_report(ReportScope(jurisdiction("410102"), Q2))

    assert all(table.is_empty for table in tables)


def test_needs_coverage_counts_active_referrals_at_the_period_end(office, counseling):
    covered = [person_needing(office, counseling) for _ in range(6)]
    for person in covered:
        refer(person, counseling, "accepted")
    for _ in range(5):
        refer(person_needing(office, counseling), counseling, "declined")

    table = needs_report(ReportScope(jurisdiction("410102"), Q2))[0]
    label, cells = table.rows[0]

    assert label == counseling.display_name
    assert [cell.display for cell in cells] == ["6", "5", "11", "54.5%"]


def test_needs_coverage_hides_small_counts(office, counseling):
    for _ in range(7):
        person_needing(office, counseling)
    refer(person_needing(office, counseling), counseling, "accepted")

    table = needs_report(ReportScope(jurisdiction("410102"), Q2))[0]

    assert [cell.display for cell in table.rows[0][1]][:2] == ["<5", "<5"]
    assert table.rows[0][1][3].display == "<5"
