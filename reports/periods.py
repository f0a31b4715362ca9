"""Reporting periods: a month, a quarter, a year or a range of days, always whole days."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _


class PeriodKind:
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    RANGE = "range"


@dataclass(frozen=True)
class Period:
    """A reporting period from `start` to `end`, both days included."""

    kind: str
    start: date
    end: date

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.YEAR:
            return _("%(year)s") % {"year": self.start.year}
        if self.kind == PeriodKind.QUARTER:
            quarter = (self.start.month - 1) // 3 + 1
            return _("Q%(quarter)s %(year)s") % {"quarter": quarter, "year": self.start.year}
        if self.kind == PeriodKind.MONTH:
            return _("%(year)s-%(month)02d") % {"year": self.start.year, "month": self.start.month}
        return _("%(start)s to %(end)s") % {"start": self.start, "end": self.end}

    @property
    def slug(self) -> str:
        return f"{self.start:%Y%m%d}-{self.end:%Y%m%d}"

    def month_ends(self) -> list[date]:
        """The last day of every month the period touches, the last one capped at its end."""
        ends, cursor = [], self.start
        while cursor <= self.end:
            last = month_end(cursor)
            ends.append(min(last, self.end))
            cursor = last + timedelta(days=1)
        return ends

    def previous(self) -> "Period":
        """The period of the same length just before this one (for comparisons)."""
        days = (self.end - self.start).days + 1
        return Period(
            PeriodKind.RANGE, self.start - timedelta(days=days), self.start - timedelta(1)
        )


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def month(year: int, number: int) -> Period:
    start = date(year, number, 1)
    return Period(PeriodKind.MONTH, start, month_end(start))


def quarter(year: int, number: int) -> Period:
    start = date(year, 3 * number - 2, 1)
    return Period(PeriodKind.QUARTER, start, month_end(date(year, 3 * number, 1)))


def year(number: int) -> Period:
    return Period(PeriodKind.YEAR, date(number, 1, 1), date(number, 12, 31))


def quarter_of(day: date) -> Period:
    """The calendar quarter a day falls in."""
    return quarter(day.year, (day.month - 1) // 3 + 1)


def previous_quarter(day: date) -> Period:
    """The last complete quarter before the one a day falls in."""
    return quarter_of(quarter_of(day).start - timedelta(days=1))
