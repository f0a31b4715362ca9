"""The employment report against hand-counted applications and follow-ups: placements by county of
the job, 1/3/6-month retention, small cells, the place and both ends of the period."""

from datetime import date, datetime

import pytest

from django.utils import timezone

from employment.models import FollowUp, JobApplication
from employment.vocabulary import ApplicationState, FollowUpOutcome
from reports.definitions import ReportScope, employment_report
from reports.periods import quarter, year
from reports.tables import TOTAL
from tests.factories.employment import JobApplicationFactory, JobOfferPageFactory
from tests.factories.portal import jurisdiction

pytestmark = pytest.mark.django_db
Q2 = quarter(2026, 2)
HIRED, NOT_HIRED = ApplicationState.HIRED, ApplicationState.NOT_HIRED
STILL, LEFT, PENDING = FollowUpOutcome.STILL_EMPLOYED, FollowUpOutcome.LEFT, FollowUpOutcome.PENDING


def at(day: date, hour: int = 12, minute: int = 0) -> datetime:
    """A moment in the site's time zone (Asia/Shanghai), where the period's days are counted."""
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


def apply(job, state: str, when: datetime) -> JobApplication:
    """An application to a job in `state`, referred at `when` (a hire starting that day)."""
    hired_on = when.date() if state == HIRED else None
    reason = "面试未通过" if state == NOT_HIRED else ""
    application = JobApplicationFactory(
        job=job, state=state, hired_on=hired_on, outcome_reason=reason
    )
    JobApplication.objects.filter(pk=application.pk).update(created_at=when)
    return application


def follow_up(job, months: int, outcome: str, due_on: date) -> FollowUp:
    """A follow-up of a new hire at a job, due on a day, with its outcome."""
    application = apply(job, HIRED, at(date(2025, 10, 1)))
    left = "resigned" if outcome == LEFT else ""
    return FollowUp.objects.create(
        application=application, months=months, due_on=due_on, outcome=outcome, left_reason=left
    )


def shown(table, index: int) -> list[str]:
    return [cell.display for cell in table.rows[index][1]]


@pytest.fixture
def jobs():
    """A job in 中原区 (410102), one in 金水区 (410105), both in 郑州市, one in Luoyang."""
    return {
        code: JobOfferPageFactory(jurisdiction=jurisdiction(code))
        for code in ("410102", "410105", "410302")
    }


@pytest.fixture
def placements(jobs):
    """In Q2 2026 at 中原区's job: 6 hired (two on the first and last day, at the edges of
    the day), 5 not hired; 2 hires a minute outside the quarter on each side."""
    zhongyuan = jobs["410102"]
    apply(zhongyuan, HIRED, at(date(2026, 4, 1), 0, 1))
    apply(zhongyuan, HIRED, at(date(2026, 6, 30), 23, 59))
    for day in range(2, 6):
        apply(zhongyuan, HIRED, at(date(2026, 5, day)))
    for day in range(2, 7):
        apply(zhongyuan, NOT_HIRED, at(date(2026, 5, day)))
    apply(zhongyuan, HIRED, at(date(2026, 3, 31), 23, 59))
    apply(zhongyuan, HIRED, at(date(2026, 7, 1), 0, 1))
    for day in range(1, 6):
        apply(jobs["410105"], HIRED, at(date(2026, 5, day)))
    for day in range(1, 8):
        apply(jobs["410302"], HIRED, at(date(2026, 5, day)))
    return jobs


def test_placements_count_applications_referred_on_the_first_and_last_day(placements):
    table = employment_report(ReportScope(jurisdiction("410102"), Q2))[0]

    assert [label for label, _cells in table.rows] == [jurisdiction("410102").name, str(TOTAL)]
    # referred, interview, offered, hired, not hired, withdrawn, total, placement rate
    assert shown(table, 0) == ["0", "0", "0", "6", "5", "0", "11", "54.5%"]


def test_placements_of_a_year_include_the_hires_just_outside_the_quarter(placements):
    table = employment_report(ReportScope(jurisdiction("410102"), year(2026)))[0]

    assert shown(table, 0)[3] == "8"


def test_a_city_counts_the_jobs_of_its_counties_and_no_other_city(placements):
    table = employment_report(ReportScope(jurisdiction("410100"), Q2))[0]

    labels = [label for label, _cells in table.rows]
    assert labels == [jurisdiction("410102").name, jurisdiction("410105").name, str(TOTAL)]
    assert shown(table, 1)[3] == "5"
    assert shown(table, 2)[3:] == ["11", "5", "0", "16", "68.8%"]


def test_the_province_counts_every_county(placements):
    table = employment_report(ReportScope(jurisdiction("410000"), Q2))[0]

    assert shown(table, -1)[3] == "18"


def test_two_people_still_referred_are_hidden_with_a_partner_in_row_and_total(placements):
    zhongyuan = placements["410102"]
    for day in (7, 8):
        apply(zhongyuan, ApplicationState.REFERRED, at(date(2026, 5, day)))

    table = employment_report(ReportScope(jurisdiction("410102"), Q2))[0]

    assert shown(table, 0) == ["<5", "0", "0", "6", "<5", "0", "13", "46.2%"]
    assert shown(table, 1) == ["<5", "0", "0", "6", "<5", "0", "13", "46.2%"]
    assert table.notes


@pytest.fixture
def retention(jobs):
    """Follow-ups due in Q2 2026 at 中原区's job: 1 month 6 still employed and 5 left;
    3 months 5 still employed and 5 due; 6 months 5 and 5, two of each due on the first and
    last day; one 6-month follow-up due just before and one just after; 9 in Luoyang."""
    zhongyuan = jobs["410102"]
    for outcome, count in ((STILL, 6), (LEFT, 5)):
        for _ in range(count):
            follow_up(zhongyuan, 1, outcome, date(2026, 5, 10))
    for outcome in (STILL, PENDING):
        for _ in range(5):
            follow_up(zhongyuan, 3, outcome, date(2026, 5, 10))
    for outcome in (STILL, LEFT):
        follow_up(zhongyuan, 6, outcome, date(2026, 4, 1))
        follow_up(zhongyuan, 6, outcome, date(2026, 6, 30))
        for _ in range(3):
            follow_up(zhongyuan, 6, outcome, date(2026, 5, 10))
    follow_up(zhongyuan, 6, STILL, date(2026, 3, 31))
    follow_up(zhongyuan, 6, LEFT, date(2026, 7, 1))
    for _ in range(9):
        follow_up(jobs["410302"], 1, STILL, date(2026, 5, 10))
    return jobs


def test_retention_counts_follow_ups_due_in_the_period_by_month(retention):
    table = employment_report(ReportScope(jurisdiction("410102"), Q2))[1]

    assert len(table.rows) == 4
    # due, still employed, left, no longer needed, total, retention rate
    assert shown(table, 0) == ["0", "6", "5", "0", "11", "54.5%"]
    assert shown(table, 1) == ["5", "5", "0", "0", "10", "100.0%"]
    assert shown(table, 2) == ["0", "5", "5", "0", "10", "50.0%"]
    assert shown(table, 3) == ["5", "16", "10", "0", "31", "61.5%"]


def test_retention_of_a_city_leaves_out_another_citys_jobs_and_the_province_keeps_them(
    retention,
):
    city = employment_report(ReportScope(jurisdiction("410100"), Q2))[1]
    province = employment_report(ReportScope(jurisdiction("410000"), Q2))[1]

    assert shown(city, 3)[4] == "31"
    assert shown(province, 0)[1] == "15"
    assert shown(province, 3)[4] == "40"


def test_a_rate_from_a_hidden_count_is_hidden_too(jobs):
    for outcome, count in ((STILL, 6), (LEFT, 2)):
        for _ in range(count):
            follow_up(jobs["410102"], 3, outcome, date(2026, 5, 10))

    table = employment_report(ReportScope(jurisdiction("410102"), Q2))[1]

    assert shown(table, 0) == ["0", "<5", "<5", "0", "8", "<5"]


def test_nothing_in_the_period_gives_empty_tables(jobs):
    tables = employment_report(ReportScope(jurisdiction("410102"), Q2))

    assert [table.is_empty for table in tables] == [True, True]
