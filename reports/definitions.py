"""The reports: for a place and a period, each builds its tables from the other apps' selectors.
`REPORTS` is the one registry that screens, exports, the committee inbox and the yearly report
read."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.selectors import person_statistics
from employment.selectors import placement_statistics, retention_statistics
from employment.vocabulary import ApplicationState, FollowUpOutcome
from matching.eligibility import CorrectionType, SupervisionLevel
from portal.organizations.models import Jurisdiction
from reports.periods import Period
from reports.suppression import threshold
from reports.tables import Cell, CellKind, Table, count_table, rate_cell, with_columns
from volunteers.models import ScreeningStatus
from volunteers.selectors import volunteer_statistics


@dataclass(frozen=True)
class ReportScope:
    """Where and when a report counts."""

    jurisdiction: Jurisdiction
    period: Period


@dataclass(frozen=True)
class ReportDefinition:
    """One report: its address, title, what it is for, and how its tables are built."""

    slug: str
    title: Promise
    description: Promise
    build: Callable[[ReportScope], list[Table]]


def persons_report(scope: ReportScope) -> list[Table]:
    """Persons under supervision at the period's end by type and level, adults and sealed
    juvenile records (as counts), and the count at every month's end."""
    end = scope.period.end
    rows = person_statistics(jurisdiction=scope.jurisdiction, on=end)
    types, levels = CorrectionType.choices, SupervisionLevel.choices
    by_level = [
        (label, [_sum(rows, correction_type=t, supervision_level=lv) for lv, _l in levels])
        for t, label in types
    ]
    by_age = [
        (label, [_sum(rows, correction_type=t, is_juvenile=j) for j in (False, True)])
        for t, label in types
    ]
    return [
        count_table(
            key="by_level",
            title=_("Under supervision on %(day)s by correction type and supervision level")
            % {"day": end},
            row_header=_("Correction type"),
            columns=[str(label) for _v, label in levels],
            rows=by_level,
        ),
        count_table(
            key="sealed",
            title=_("Adults and sealed juvenile records (counts only)"),
            row_header=_("Correction type"),
            columns=[_("Adult"), _("Juvenile (sealed)")],
            rows=by_age,
            chart="",
        ),
        _persons_by_month(scope),
    ]


def _persons_by_month(scope: ReportScope) -> Table:
    rows = []
    for day in scope.period.month_ends():
        found = person_statistics(jurisdiction=scope.jurisdiction, on=day)
        rows.append(
            (str(day), [_sum(found, correction_type=t) for t, _l in CorrectionType.choices])
        )
    return count_table(
        key="by_month",
        title=_("Under supervision at each month's end by correction type"),
        row_header=_("Month end"),
        columns=[str(label) for _v, label in CorrectionType.choices],
        rows=rows,
        chart="line",
        total_row=False,
    )


def _sum(rows: list[dict], **match: object) -> int:
    return sum(row["n"] for row in rows if all(row[k] == v for k, v in match.items()))


def employment_report(scope: ReportScope) -> list[Table]:
    """Job referrals by county and how they stand, and 1/3/6-month retention follow-ups."""
    start, end = scope.period.start, scope.period.end
    found = placement_statistics(jurisdiction=scope.jurisdiction, start=start, end=end)
    states = ApplicationState.choices
    placements = count_table(
        key="placements",
        title=_("People referred to jobs in the period, by county of the job"),
        row_header=_("County"),
        columns=[str(label) for _v, label in states],
        rows=[(row["county"] or "—", [row[state] for state, _l in states]) for row in found],
    )
    hired_at = [value for value, _l in states].index(ApplicationState.HIRED)
    with_columns(
        placements,
        columns=[_("Placement rate")],
        cells=[[rate_cell(cells[hired_at], cells[-1])] for _label, cells in placements.rows],
    )
    return [placements, _retention(scope)]


def _retention(scope: ReportScope) -> Table:
    found = retention_statistics(
        jurisdiction=scope.jurisdiction, start=scope.period.start, end=scope.period.end
    )
    outcomes = FollowUpOutcome.choices
    table = count_table(
        key="retention",
        title=_("Follow-ups due in the period: still employed after 1, 3 and 6 months"),
        row_header=_("Follow-up"),
        columns=[str(label) for _v, label in outcomes],
        rows=[
            (_("%(months)s months") % {"months": row["months"]}, [row[o] for o, _l in outcomes])
            for row in found
        ],
    )
    names = [value for value, _l in outcomes]
    still, left = names.index(FollowUpOutcome.STILL_EMPLOYED), names.index(FollowUpOutcome.LEFT)
    return with_columns(
        table,
        columns=[_("Retention rate")],
        cells=[[_retention_rate(cells[still], cells[left])] for _label, cells in table.rows],
    )


def _retention_rate(still: Cell, left: Cell) -> Cell:
    if still.hidden or left.hidden:
        return Cell(None, CellKind.RATE, hidden=True)
    return rate_cell(still, Cell((still.value or 0) + (left.value or 0)))


def volunteers_report(scope: ReportScope) -> list[Table]:
    """Volunteers by screening status, and shifts, sign-ups and approved hours in the period."""
    found = volunteer_statistics(
        jurisdiction=scope.jurisdiction, start=scope.period.start, end=scope.period.end
    )
    by_status = count_table(
        key="screening",
        title=_("Volunteers by screening status"),
        row_header=_("Status"),
        columns=[_("Volunteers")],
        rows=[(str(label), [found["by_status"].get(v, 0)]) for v, label in ScreeningStatus.choices],
        total_column=False,
    )
    activity = Table(
        key="activity",
        title=_("Volunteer activity in the period"),
        row_header=_("Figure"),
        columns=[_("Value")],
        rows=[
            (_("Shifts held"), [Cell(found["shifts"])]),
            (_("Confirmed sign-ups"), [_person_count(found["signups"])]),
            (_("Volunteers with approved hours"), [_person_count(found["volunteers_serving"])]),
            (_("Approved hours"), [Cell(found["hours"], CellKind.HOURS)]),
        ],
    )
    return [by_status, activity]


def _person_count(value: int) -> Cell:
    return Cell(value, hidden=0 < value < threshold())


REPORTS: dict[str, ReportDefinition] = {
    definition.slug: definition
    for definition in (
        ReportDefinition(
            "persons",
            gettext_lazy("Persons under supervision"),
            gettext_lazy("By correction type, supervision level and month."),
            persons_report,
        ),
        ReportDefinition(
            "employment",
            gettext_lazy("Employment placements and retention"),
            gettext_lazy("Job referrals, hires and 1/3/6-month retention."),
            employment_report,
        ),
        ReportDefinition(
            "volunteers",
            gettext_lazy("Volunteers"),
            gettext_lazy("Screening, shifts and approved hours."),
            volunteers_report,
        ),
    )
}
