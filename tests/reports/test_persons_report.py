"""The persons report counts exactly what a hand count gives, sealed records only as counts."""

from datetime import date

import pytest

from matching.eligibility import CorrectionType
from reports.definitions import ReportScope, persons_report
from reports.periods import quarter
from tests.factories.casework import SupervisedPersonFactory
from tests.factories.portal import CorrectionsAgencyFactory, JudicialOfficeFactory, jurisdiction

pytestmark = pytest.mark.django_db


def cells(table, label):
    return [cell.display for row_label, row in table.rows if row_label == label for cell in row]


@pytest.fixture
def world():
    office = JudicialOfficeFactory()
    other = JudicialOfficeFactory(
        agency=CorrectionsAgencyFactory(jurisdiction=jurisdiction("410105"))
    )
    for _ in range(6):
        SupervisedPersonFactory(judicial_office=office, correction_type="probation")
    for _ in range(5):
        SupervisedPersonFactory(judicial_office=office, correction_type="parole")
    for _ in range(2):
        SupervisedPersonFactory(judicial_office=office, correction_type="parole", is_juvenile=True)
    SupervisedPersonFactory(
        judicial_office=office, correction_type="probation", end_date=date(2026, 5, 15)
    )
    SupervisedPersonFactory(
        judicial_office=office, correction_type="probation", start_date=date(2026, 7, 1)
    )
    for _ in range(7):
        SupervisedPersonFactory(judicial_office=other, correction_type="probation")
    return office


def test_county_counts_only_its_own_persons_at_the_end_of_the_period(world):
    tables = persons_report(ReportScope(jurisdiction("410102"), quarter(2026, 2)))
    by_age = tables[1]

    assert cells(by_age, str(CorrectionType.PROBATION.label)) == ["6", "0", "6"]
    assert by_age.rows[-1][1][-1].display == "13"


def test_two_sealed_juveniles_cannot_be_read_off_or_subtracted(world):
    by_age = persons_report(ReportScope(jurisdiction("410102"), quarter(2026, 2)))[1]

    parole = cells(by_age, str(CorrectionType.PAROLE.label))
    assert parole[:2] == ["<5", "<5"]
    assert [cell.display for cell in by_age.rows[-1][1][:2]] == ["<5", "<5"]


def test_city_adds_up_its_counties(world):
    tables = persons_report(ReportScope(jurisdiction("410100"), quarter(2026, 2)))

    assert tables[1].rows[-1][1][-1].display == "20"


def test_month_series_counts_each_month_end(world):
    tables = persons_report(ReportScope(jurisdiction("410102"), quarter(2026, 2)))
    by_month = tables[2]

    totals = [row[-1].display for _label, row in by_month.rows]
    assert totals == ["14", "13", "13"]
