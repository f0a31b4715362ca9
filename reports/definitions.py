"""The reports: for a place and a period, each builds its tables from the other apps' selectors.
`REPORTS` is the one registry that screens, exports, the committee inbox and the yearly report
read."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.selectors import (
    need_statistics,
    person_statistics,
    persons_by_type_on_days,
    referral_statistics,
)
from employment.selectors import placement_statistics, retention_statistics
from employment.vocabulary import ApplicationState, FollowUpOutcome
from matching.eligibility import CorrectionType, SupervisionLevel
from matching.models import Category, ReferralState
from portal.organizations.models import Jurisdiction
from procurement.selectors import procurement_statistics
from reports.funnel import Funnel, funnel_counts
from reports.periods import Period
from reports.suppression import is_small
from reports.tables import (
    Cell,
    CellKind,
    Table,
    count_cell,
    count_table,
    money_table,
    rate_cell,
    with_columns,
)
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
        (str(label), [_sum(rows, correction_type=t, supervision_level=lv) for lv, _l in levels])
        for t, label in types
    ]
    by_age = [
        (str(label), [_sum(rows, correction_type=t, is_juvenile=j) for j in (False, True)])
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
    days = scope.period.month_ends()
    counts = persons_by_type_on_days(jurisdiction=scope.jurisdiction, days=days)
    rows = [(str(day), found) for day, found in zip(days, counts, strict=True)]
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
    return rate_cell(still, Cell(int(still.value or 0) + int(left.value or 0)))


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
            (_("Confirmed sign-ups"), [count_cell(found["signups"])]),
            (_("Volunteers with approved hours"), [count_cell(found["volunteers_serving"])]),
            (_("Approved hours"), [Cell(found["hours"], CellKind.HOURS)]),
        ],
    )
    return [by_status, activity]


def needs_report(scope: ReportScope) -> list[Table]:
    """Needs of persons under supervision at the period's end, and how many had an active
    referral for them then (needs coverage), by category."""
    found = need_statistics(jurisdiction=scope.jurisdiction, on=scope.period.end)
    names = _category_names([row["category"] for row in found])
    table = count_table(
        key="coverage",
        title=_("Needs on %(day)s and whether an active referral meets them")
        % {"day": scope.period.end},
        row_header=_("Need"),
        columns=[_("With an active referral"), _("Without")],
        rows=[(names[row["category"]], [row["covered_n"], row["open_n"]]) for row in found],
    )
    return [
        with_columns(
            table,
            columns=[_("Coverage")],
            cells=[[rate_cell(cells[0], cells[2])] for _label, cells in table.rows],
        )
    ]


def _category_names(ids: list[int]) -> dict[int, str]:
    return {category.pk: category.display_name for category in Category.objects.filter(pk__in=ids)}


OUTCOMES = (
    (ReferralState.SENT, gettext_lazy("Awaiting an answer")),
    (ReferralState.ACCEPTED, gettext_lazy("Accepted or in progress")),
    (ReferralState.COMPLETED, gettext_lazy("Completed")),
    (ReferralState.DECLINED, gettext_lazy("Declined")),
    (ReferralState.NO_SHOW, gettext_lazy("No-show")),
    (ReferralState.WITHDRAWN, gettext_lazy("Withdrawn")),
)


def referrals_report(scope: ReportScope) -> list[Table]:
    """The referral funnel of a period: how the referrals sent ended, by category, provider and
    county, with acceptance and completion rates and the days to an answer."""
    referrals = referral_statistics(
        jurisdiction=scope.jurisdiction, start=scope.period.start, end=scope.period.end
    )
    groups, total = funnel_counts(referrals)
    ids = [int(pk) for pk in groups["need_category"] if pk is not None]
    names = {str(pk): name for pk, name in _category_names(ids).items()}
    tables = [
        ("need_category", "by_category", _("Referrals sent in the period by need"), _("Need")),
        ("provider_name", "by_provider", _("By provider"), _("Provider")),
        ("county", "by_county", _("By county of the person"), _("County")),
    ]
    return [
        _funnel(
            _by_label(groups[key], names if key == "need_category" else None),
            total,
            table_key,
            title,
            header,
        )  # fmt: skip
        for key, table_key, title, header in tables
    ]


def _by_label(groups: dict[str | None, Funnel], names: dict | None) -> dict[str, Funnel]:
    """The groups under the label a reader sees (a category's name where `names` are given,
    "—" when there is none), merged where two values read the same."""
    labelled: dict[str, Funnel] = {}
    for value, group in groups.items():
        label = names.get(value, "—") if names is not None else str(value or "—")
        if label in labelled:
            labelled[label] = labelled[label].merged(group)
        else:
            labelled[label] = group
    return labelled


def _funnel(
    groups: dict[str, Funnel], total: Funnel, table_key: str, title: str, header: str
) -> Table:
    states = [state for state, _label in OUTCOMES]
    ordered = sorted(groups.items())
    table = count_table(
        key=table_key,
        title=title,
        row_header=header,
        columns=[str(label) for _s, label in OUTCOMES],
        rows=[(label, [group.ended.get(s, 0) for s in states]) for label, group in ordered],
        chart="bar",
    )
    # The table's rows are the groups in label order, then (when there is any) the total.
    members = [group for _label, group in ordered] + ([total] if ordered else [])
    derived = [
        _funnel_rates(group, cells)
        for group, (_label, cells) in zip(members, table.rows, strict=True)
    ]
    return with_columns(
        table,
        columns=[_("Acceptance rate"), _("Completion rate"), _("Days to an answer")],
        cells=derived,
    )


def _funnel_rates(group: Funnel, cells: list[Cell]) -> list[Cell]:
    accepted_cell = count_cell(group.accepted)
    completed = cells[2]
    days = group.waited.total_seconds() / 86400 / group.answered if group.answered else None
    mean = Cell(days, CellKind.DAYS, hidden=is_small(group.answered))
    return [
        rate_cell(accepted_cell, count_cell(group.answered)),
        rate_cell(completed, accepted_cell),
        mean,
    ]


def procurement_report(scope: ReportScope) -> list[Table]:
    """Purchase of service: each agency's budget, committed and paid amounts of the budget year,
    what was paid in the period by provider and by need, and the providers' deliveries."""
    found = procurement_statistics(
        jurisdiction=scope.jurisdiction, start=scope.period.start, end=scope.period.end
    )
    year = scope.period.end.year
    agencies = money_table(
        key="budgets",
        title=_("Budget year %(year)s: budget, committed and paid by agency") % {"year": year},
        row_header=_("Corrections agency"),
        columns=[_("Budget"), _("Committed"), _("Paid"), _("Remaining")],
        rows=[(name, [b, c, p, b - p]) for name, b, c, p in found["agencies"]],
    )
    return [agencies, *_payments_tables(found)]


def _payments_tables(found: dict) -> list[Table]:
    names = _category_names([key for key, _total in found["paid_by_need"]])
    return [
        money_table(
            key="by_provider",
            title=_("Paid in the period by provider"),
            row_header=_("Provider"),
            columns=[_("Paid")],
            rows=[(name, [total]) for name, total in found["paid_by_provider"]],
        ),
        money_table(
            key="by_need",
            title=_("Paid in the period by need served"),
            row_header=_("Need"),
            columns=[_("Paid")],
            rows=[(names.get(key, "—"), [total]) for key, total in found["paid_by_need"]],
        ),
        Table(
            key="deliveries",
            title=_("Deliveries in the period by provider"),
            row_header=_("Provider"),
            columns=[_("Confirmed"), _("Awaiting confirmation"), _("Disputed at least once")],
            rows=[
                (name, [Cell(n) for n in counts])
                for name, *counts in found["deliveries_by_provider"]
            ],
            chart="bar",
        ),
    ]


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
            "needs",
            gettext_lazy("Needs and coverage"),
            gettext_lazy("Needs by category and how many an active referral meets."),
            needs_report,
        ),
        ReportDefinition(
            "referrals",
            gettext_lazy("Referrals and outcomes"),
            gettext_lazy("The referral funnel by need, provider and county; time to an answer."),
            referrals_report,
        ),
        ReportDefinition(
            "employment",
            gettext_lazy("Employment placements and retention"),
            gettext_lazy("Job referrals, hires and 1/3/6-month retention."),
            employment_report,
        ),
        ReportDefinition(
            "procurement",
            gettext_lazy("Purchase of service"),
            gettext_lazy("Budgets, commitments and payments; deliveries by provider."),
            procurement_report,
        ),
        ReportDefinition(
            "volunteers",
            gettext_lazy("Volunteers"),
            gettext_lazy("Screening, shifts and approved hours."),
            volunteers_report,
        ),
    )
}
