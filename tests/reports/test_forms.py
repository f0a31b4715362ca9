"""The report filter refuses bad periods and places with clear messages."""

from datetime import date

import pytest

from django.utils import translation

from portal.organizations.models import Jurisdiction
from reports.forms import ReportFilterForm
from reports.periods import PeriodKind

pytestmark = pytest.mark.django_db


def form(**data):
    places = list(Jurisdiction.objects.filter(code__in=["410000", "410100", "410102"]))
    base = {"jurisdiction": "410102", "period": "quarter", "year": "2026", "quarter": "2"}
    return ReportFilterForm({**base, **data}, jurisdictions=places)


def test_a_quarter_runs_from_its_first_to_its_last_day():
    bound = form()

    assert bound.is_valid(), bound.errors
    period = bound.cleaned_data["period_value"]
    assert (period.start, period.end) == (date(2026, 4, 1), date(2026, 6, 30))
    assert [day.month for day in period.month_ends()] == [4, 5, 6]


def test_a_range_the_wrong_way_round_is_refused_with_a_message():
    bound = form(period=PeriodKind.RANGE, start="2026-05-01", end="2026-04-01")

    with translation.override("en"):
        assert not bound.is_valid()
        assert "ends before it starts" in str(bound.non_field_errors())


def test_an_empty_range_is_refused():
    bound = form(period=PeriodKind.RANGE, start="", end="")

    assert not bound.is_valid()
    assert bound.non_field_errors()


def test_a_place_outside_the_users_choice_is_refused():
    bound = form(jurisdiction="411500")

    assert not bound.is_valid()
    assert "jurisdiction" in bound.errors


@pytest.mark.parametrize("year", ["0", "99999999999999999999", "abc", "-5"])
def test_absurd_years_are_refused(year):
    assert not form(year=year).is_valid()
