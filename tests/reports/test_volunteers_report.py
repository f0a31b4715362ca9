"""The volunteers report against a hand-counted set of volunteers, shifts, sign-ups and hours:
screening status by the screening agency's place, activity within both ends of the period."""

from datetime import date, time

import pytest

from reports.definitions import ReportScope, volunteers_report
from reports.periods import quarter
from reports.tables import TOTAL
from tests.factories.portal import CorrectionsAgencyFactory, jurisdiction
from tests.factories.volunteers import (
    HoursEntryFactory,
    ShiftFactory,
    SignUpFactory,
    VolunteerOpportunityPageFactory,
    VolunteerProfileFactory,
)
from volunteers.models import HoursStatus, ScreeningStatus, SignUpStatus

pytestmark = pytest.mark.django_db
Q2 = quarter(2026, 2)


def agency(code: str):
    return CorrectionsAgencyFactory(jurisdiction=jurisdiction(code))


def volunteers(code: str, status: str, count: int) -> list:
    return [VolunteerProfileFactory(agency=agency(code), status=status) for _ in range(count)]


def by_status(table) -> dict[str, str]:
    return {label: cells[0].display for label, cells in table.rows}


def activity(table) -> list[str]:
    return [cells[0].display for _label, cells in table.rows]


@pytest.fixture
def screening():
    """中原区 (410102): 7 active, 5 applied; 金水区 (410105): 6 approved; Luoyang: 9 active."""
    volunteers("410102", ScreeningStatus.ACTIVE, 7)
    volunteers("410102", ScreeningStatus.APPLIED, 5)
    volunteers("410105", ScreeningStatus.APPROVED, 6)
    volunteers("410302", ScreeningStatus.ACTIVE, 9)


def test_volunteers_are_counted_by_status_in_the_screening_agencys_county(screening):
    table = volunteers_report(ReportScope(jurisdiction("410102"), Q2))[0]

    counts = by_status(table)
    assert counts[str(ScreeningStatus.ACTIVE.label)] == "7"
    assert counts[str(ScreeningStatus.APPLIED.label)] == "5"
    assert counts[str(ScreeningStatus.APPROVED.label)] == "0"
    assert counts[str(TOTAL)] == "12"


def test_a_city_adds_its_counties_and_the_province_every_city(screening):
    city = by_status(volunteers_report(ReportScope(jurisdiction("410100"), Q2))[0])
    province = by_status(volunteers_report(ReportScope(jurisdiction("410000"), Q2))[0])

    assert city[str(ScreeningStatus.APPROVED.label)] == "6"
    assert city[str(TOTAL)] == "18"
    assert province[str(ScreeningStatus.ACTIVE.label)] == "16"
    assert province[str(TOTAL)] == "27"


def test_two_suspended_volunteers_are_hidden_and_so_is_the_smallest_other_status(screening):
    volunteers("410102", ScreeningStatus.SUSPENDED, 2)

    counts = by_status(volunteers_report(ReportScope(jurisdiction("410102"), Q2))[0])

    assert counts[str(ScreeningStatus.SUSPENDED.label)] == "<5"
    assert counts[str(ScreeningStatus.APPLIED.label)] == "<5"
    assert counts[str(ScreeningStatus.ACTIVE.label)] == "7"
    assert counts[str(TOTAL)] == "14"


@pytest.fixture
def served():
    """At 中原区's opportunity: shifts on the first and last day of Q2 and in May (held), and
    the days just outside; 6 confirmed sign-ups and 1 cancelled on held shifts, 2 confirmed on
    the outside ones. 中原区's volunteers: 5 with approved hours in Q2 (2.5 h each, two on the
    first and last day), a pending entry and approved ones just outside; 金水区: 1 with hours."""
    opportunity = VolunteerOpportunityPageFactory(jurisdiction_code="410102")
    held = [
        ShiftFactory(opportunity=opportunity, date=day, seats=10)
        for day in (date(2026, 4, 1), date(2026, 5, 10), date(2026, 6, 30))
    ]
    outside = [
        ShiftFactory(opportunity=opportunity, date=day, seats=10)
        for day in (date(2026, 3, 31), date(2026, 7, 1))
    ]
    people = volunteers("410102", ScreeningStatus.ACTIVE, 6)
    for index, person in enumerate(people):
        SignUpFactory(shift=held[index % 3], volunteer=person)
    SignUpFactory(shift=held[0], volunteer=volunteers("410102", "active", 1)[0],
                  status=SignUpStatus.CANCELLED)  # fmt: skip
    for shift in outside:
        SignUpFactory(shift=shift, volunteer=people[0])
    days = [date(2026, 4, 1), date(2026, 6, 30), date(2026, 5, 2), date(2026, 5, 3)]
    days.append(date(2026, 5, 4))
    for person, day in zip(people, days, strict=False):
        log(person, day, HoursStatus.APPROVED)
    log(people[0], date(2026, 5, 5), HoursStatus.PENDING)
    log(people[5], date(2026, 3, 31), HoursStatus.APPROVED)
    log(people[5], date(2026, 7, 1), HoursStatus.APPROVED)
    log(volunteers("410105", ScreeningStatus.ACTIVE, 1)[0], date(2026, 5, 2), HoursStatus.APPROVED)


def log(volunteer, day: date, status: str):
    return HoursEntryFactory(
        volunteer=volunteer, date=day, start_time=time(9), end_time=time(11, 30), status=status
    )


def test_activity_counts_shifts_sign_ups_and_approved_hours_within_the_period(served):
    table = volunteers_report(ReportScope(jurisdiction("410102"), Q2))[1]

    # shifts held, confirmed sign-ups, volunteers with approved hours, approved hours
    assert activity(table) == ["3", "6", "5", "12.5"]


def test_activity_of_the_city_adds_the_other_countys_hours(served):
    table = volunteers_report(ReportScope(jurisdiction("410100"), Q2))[1]

    assert activity(table) == ["3", "6", "6", "15.0"]


def test_another_city_sees_no_activity_of_zhengzhou(served):
    table = volunteers_report(ReportScope(jurisdiction("410300"), Q2))[1]

    assert activity(table) == ["0", "0", "0", "0.0"]


def test_fewer_than_five_volunteers_with_hours_are_shown_as_a_small_count(served):
    table = volunteers_report(ReportScope(jurisdiction("410102"), quarter(2026, 3)))[1]

    assert activity(table) == ["1", "<5", "<5", "2.5"]
    assert table.rows[0][1][0].hidden is False
