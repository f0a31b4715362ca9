"""The referral funnel counted in the database (one statement, three groupings): the same figures
as counting each referral, whatever the mix of needs, providers, counties and histories."""

from datetime import datetime, timedelta

import pytest

from django.utils import timezone

from casework.models import PersonReferral
from casework.selectors import referral_statistics
from matching.models import Category, ReferralEvent
from reports.definitions import ReportScope, referrals_report
from reports.funnel import funnel_counts
from reports.periods import quarter
from reports.tables import TOTAL
from tests.factories.casework import SupervisedPersonFactory
from tests.factories.matching import ReferralFactory
from tests.factories.portal import JudicialOfficeFactory, jurisdiction

pytestmark = pytest.mark.django_db
Q2 = quarter(2026, 2)


def at(day: int, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(2026, 4, day, hour, 0))


def refer(person, category, states: list[str], *, provider: str = "阳光社工", wait_days: int = 2):
    """A referral that went through `states` (one event each, a day apart)."""
    answered = at(5) + timedelta(days=wait_days) if len(states) > 1 else None
    referral = ReferralFactory(
        need_category=category,
        state=states[-1],
        sent_at=at(5),
        answered_at=answered,
        provider_name=provider,
        decline_reason="名额已满" if "declined" in states else "",
        outcome="完成全部课程" if "completed" in states else "",
    )
    PersonReferral.objects.create(person=person, referral=referral)
    for step, state in enumerate(states):
        event = ReferralEvent.objects.create(
            referral=referral, from_state=states[step - 1] if step else "draft", to_state=state
        )
        ReferralEvent.objects.filter(pk=event.pk).update(created_at=at(5) + timedelta(days=step))
    return referral


def person(code: str = "410102", **kwargs):
    office = JudicialOfficeFactory(agency__jurisdiction=jurisdiction(code))
    return SupervisedPersonFactory(judicial_office=office, **kwargs)


def rows(table) -> dict[str, list[str]]:
    return {label: [cell.display for cell in cells] for label, cells in table.rows}


@pytest.fixture
def needs():
    return (
        Category.objects.get(slug="psychological-counseling"),
        Category.objects.get(slug="legal-education"),
    )


ACCEPTED = ["sent", "accepted"]
COMPLETED = ["sent", "accepted", "in_progress", "completed"]


def test_each_grouping_counts_every_referral_once_and_the_totals_agree(needs):
    counseling, legal = needs
    for _ in range(6):
        refer(person("410102"), counseling, ACCEPTED, provider="甲")
    for index in range(10):
        refer(person("410105"), legal, COMPLETED, provider="乙" if index % 2 else "甲")
    for _ in range(5):
        refer(person("410105"), counseling, ["sent", "declined"], provider="乙")

    by_need, by_provider, by_county = referrals_report(ReportScope(jurisdiction("410100"), Q2))

    assert rows(by_need)[counseling.display_name][:7] == ["0", "6", "0", "5", "0", "0", "11"]
    assert rows(by_need)[legal.display_name][:7] == ["0", "0", "10", "0", "0", "0", "10"]
    assert rows(by_provider)["甲"][:7] == ["0", "6", "5", "0", "0", "0", "11"]
    assert rows(by_provider)["乙"][:7] == ["0", "0", "5", "5", "0", "0", "10"]
    assert rows(by_county)[jurisdiction("410102").name][6] == "6"
    assert rows(by_county)[jurisdiction("410105").name][6] == "15"
    totals = [rows(table)[str(TOTAL)] for table in (by_need, by_provider, by_county)]
    assert totals[0][:7] == ["0", "6", "10", "5", "0", "0", "21"]
    assert totals[0] == totals[1] == totals[2]


def test_days_to_an_answer_is_the_mean_over_every_answered_referral(needs):
    counseling, _legal = needs
    for wait in (1, 2, 3, 4, 5, 6):
        refer(person(), counseling, ACCEPTED, wait_days=wait)
    for _ in range(5):
        refer(person(), counseling, ["sent"])

    cells = referrals_report(ReportScope(jurisdiction("410102"), Q2))[0].rows[0][1]

    assert [cell.display for cell in cells[:7]] == ["5", "6", "0", "0", "0", "0", "11"]
    assert cells[7].display == "100.0%"  # six accepted of the six answered
    assert cells[9].display == "3.5"


def test_a_logged_referral_counts_as_it_ended_but_was_never_accepted_on_the_platform(needs):
    counseling, _legal = needs
    for _ in range(5):
        refer(person(), counseling, ["completed"])
    for _ in range(5):
        refer(person(), counseling, COMPLETED)

    cells = referrals_report(ReportScope(jurisdiction("410102"), Q2))[0].rows[0][1]

    assert cells[2].display == "10"
    assert cells[7].display == "100.0%"  # the five platform ones, answered and accepted


def test_a_referral_whose_only_event_is_its_closing_is_in_its_group_but_in_no_outcome(needs):
    counseling, _legal = needs
    for _ in range(5):
        refer(person(), counseling, ACCEPTED)
    refer(person(), counseling, ["closed"])

    cells = referrals_report(ReportScope(jurisdiction("410102"), Q2))[0].rows[0][1]

    assert [cell.display for cell in cells[:7]] == ["0", "5", "0", "0", "0", "0", "5"]


def test_providers_without_a_name_read_as_one_dash(needs):
    counseling, _legal = needs
    for _ in range(5):
        refer(person(), counseling, ACCEPTED, provider="")

    by_provider = referrals_report(ReportScope(jurisdiction("410102"), Q2))[1]

    assert [label for label, _cells in by_provider.rows] == ["—", str(TOTAL)]


def test_sealed_juvenile_records_are_counted_as_before_and_never_named(needs):
    counseling, _legal = needs
    for _ in range(5):
        refer(
            person(is_juvenile=True, birth_date=datetime(2010, 1, 1).date()), counseling, ACCEPTED
        )

    tables = referrals_report(ReportScope(jurisdiction("410102"), Q2))
    labels = {label for table in tables for label, _cells in table.rows}

    assert tables[0].rows[0][1][1].display == "5"
    assert labels == {counseling.display_name, "阳光社工", jurisdiction("410102").name, str(TOTAL)}


def test_an_empty_period_or_another_place_gives_empty_tables_and_no_groups(needs):
    counseling, _legal = needs
    refer(person("410302"), counseling, ACCEPTED)

    groups, total = funnel_counts(
        referral_statistics(jurisdiction=jurisdiction("410100"), start=Q2.start, end=Q2.end)
    )
    tables = referrals_report(ReportScope(jurisdiction("410102"), quarter(2026, 3)))

    assert groups == {"need_category": {}, "provider_name": {}, "county": {}}
    assert total.answered == 0
    assert all(table.is_empty for table in tables)


def test_a_period_runs_from_local_midnight_of_its_first_day_to_the_end_of_its_last(needs):
    counseling, _legal = needs
    somebody = person()
    local = timezone.get_current_timezone()
    edges = {
        "first minute": datetime(2026, 4, 1, 0, 0, tzinfo=local),
        "last minute": datetime(2026, 6, 30, 23, 59, tzinfo=local),
        "day before": datetime(2026, 3, 31, 23, 59, tzinfo=local),
        "day after": datetime(2026, 7, 1, 0, 0, tzinfo=local),
    }
    made = {}
    for name, sent in edges.items():
        made[name] = refer(somebody, counseling, ACCEPTED)
        made[name].sent_at = sent
        made[name].save(update_fields=["sent_at"])

    counted = referral_statistics(jurisdiction=jurisdiction("410102"), start=Q2.start, end=Q2.end)

    assert set(counted.values_list("pk", flat=True)) == {
        made["first minute"].pk,
        made["last minute"].pk,
    }
