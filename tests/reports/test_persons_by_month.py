"""The persons report's month series, counted for every month end in one statement, gives the
same figures as counting each month end on its own: revoked and transferred persons leave on the
day their record changed, sealed juvenile records count, other places do not."""

from datetime import date, datetime

import pytest

from django.utils import timezone

from casework.models import SupervisedPerson
from casework.selectors import person_statistics, persons_by_type_on_days
from matching.eligibility import CorrectionType
from reports.definitions import ReportScope, persons_report
from reports.periods import quarter, year
from tests.factories.casework import SupervisedPersonFactory
from tests.factories.portal import JudicialOfficeFactory, jurisdiction

pytestmark = pytest.mark.django_db


def changed_on(person, status: str, day: date) -> None:
    moment = timezone.make_aware(datetime(day.year, day.month, day.day, 9))
    SupervisedPerson.objects.filter(pk=person.pk).update(status=status, updated_at=moment)


@pytest.fixture
def world():
    office = JudicialOfficeFactory()
    other = JudicialOfficeFactory(agency__jurisdiction=jurisdiction("410105"))
    for kind in ("probation", "parole", "control", "probation", "parole"):
        SupervisedPersonFactory(judicial_office=office, correction_type=kind)
    SupervisedPersonFactory(judicial_office=office, correction_type="parole", is_juvenile=True)
    changed_on(SupervisedPersonFactory(judicial_office=office), "revoked", date(2026, 5, 10))
    changed_on(SupervisedPersonFactory(judicial_office=office), "transferred", date(2026, 4, 30))
    SupervisedPersonFactory(judicial_office=office, end_date=date(2026, 5, 31))
    SupervisedPersonFactory(judicial_office=office, start_date=date(2026, 6, 1))
    SupervisedPersonFactory(judicial_office=other, correction_type="control")
    return office


def one_day_at_a_time(code: str, days: list[date]) -> list[list[int]]:
    counts = []
    for day in days:
        rows = person_statistics(jurisdiction=jurisdiction(code), on=day)
        counts.append(
            [sum(r["n"] for r in rows if r["correction_type"] == t) for t in CorrectionType.values]
        )
    return counts


@pytest.mark.parametrize("code", ["410102", "410100", "410000", "410300"])
def test_every_month_end_at_once_equals_each_month_end_alone(world, code):
    days = year(2026).month_ends()

    assert persons_by_type_on_days(jurisdiction=jurisdiction(code), days=days) == (
        one_day_at_a_time(code, days)
    )


def test_the_month_series_by_hand(world):
    by_month = persons_report(ReportScope(jurisdiction("410102"), quarter(2026, 2)))[2]

    # April: 6 + revoked-later + ends-in-May = 8 (the transfer on 30 April counts it out);
    # May: the revoked one is out, the one ending on 31 May still in: 7; June: 6 + the starter.
    totals = [cells[-1].display for _label, cells in by_month.rows]
    assert totals == ["8", "7", "7"]


def test_an_empty_place_has_a_row_of_zeros_for_every_month(world):
    by_month = persons_report(ReportScope(jurisdiction("410300"), quarter(2026, 2)))[2]

    assert [[cell.display for cell in cells] for _label, cells in by_month.rows] == [
        ["0"] * (len(CorrectionType.values) + 1)
    ] * 3
