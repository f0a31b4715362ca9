"""Report tables: labelled rows of cells that know how to show themselves and whether a small
count has been hidden. Screens, charts and exports all read the same table."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports.suppression import Grid, is_small, suppress, threshold

Number = int | float | Decimal | None


class CellKind:
    COUNT = "count"
    MONEY = "money"
    RATE = "rate"
    DAYS = "days"
    HOURS = "hours"


@dataclass(frozen=True)
class Cell:
    """One figure, or "<5" when it is a small count (or derived from one)."""

    value: Number
    kind: str = CellKind.COUNT
    hidden: bool = False

    @property
    def display(self) -> str:
        if self.hidden:
            return f"<{threshold()}"
        if self.value is None:
            return "—"
        if self.kind == CellKind.RATE:
            return f"{number_format(rounded(self.value * 100, 1), 1)}%"
        if self.kind == CellKind.MONEY:
            return number_format(rounded(self.value, 2), 2, force_grouping=True)
        if self.kind in (CellKind.DAYS, CellKind.HOURS):
            return number_format(rounded(self.value, 1), 1)
        return number_format(self.value, 0, force_grouping=True)

    @property
    def export_value(self) -> Number | str:
        """What a spreadsheet cell holds: the number, or the same "<5" the screen shows."""
        if self.hidden or self.value is None:
            return self.display
        if self.kind == CellKind.RATE:
            return round(float(self.value), 4)
        return self.value

    @property
    def chart_value(self) -> float | None:
        """What a chart draws: nothing for a hidden or missing figure."""
        return None if self.hidden or self.value is None else float(self.value)


def rounded(value: int | float | Decimal, places: int) -> Decimal:
    """A figure rounded half up to `places` decimals (number_format alone cuts the rest off, so
    that 2/3 would read 66.6%)."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@dataclass
class Table:
    """One table of a report: a header for the row labels, column headers, rows of cells."""

    key: str
    title: str
    row_header: str
    columns: list[str]
    rows: list[tuple[str, list[Cell]]]
    chart: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.rows

    def chart_data(self) -> dict:
        """The table as ECharts series: one series per column, hidden figures left out."""
        return {
            "key": self.key,
            "title": self.title,
            "type": self.chart,
            "categories": [label for label, _cells in self.rows],
            "series": [
                {"name": name, "data": [cells[index].chart_value for _label, cells in self.rows]}
                for index, name in enumerate(self.columns)
            ],
        }


TOTAL = gettext_lazy("Total")


def count_table(
    *,
    key: str,
    title: str,
    row_header: str,
    columns: list[str],
    rows: list[tuple[str, list[int]]],
    chart: str = "bar",
    total_column: bool = True,
    total_row: bool = True,
) -> Table:
    """A table of person counts with its totals, small counts suppressed so that no total lets
    a reader subtract one back."""
    grid = Grid.with_totals(
        [counts for _label, counts in rows], total_column=total_column, total_row=total_row
    )
    suppress(grid)
    labels = [label for label, _counts in rows]
    if total_row and rows:
        labels.append(str(TOTAL))
    if total_column:
        columns = [*columns, str(TOTAL)]
    shown = [
        (label, [Cell(value, hidden=(r, c) in grid.hidden) for c, value in enumerate(values)])
        for r, (label, values) in enumerate(zip(labels, grid.values, strict=True))
    ]
    table = Table(key, title, row_header, columns, shown, chart=chart)
    if grid.hidden:
        table.notes.append(small_cell_note())
    return table


def money_table(
    *, key: str, title: str, row_header: str, columns: list[str], rows: list[tuple[str, list]]
) -> Table:
    """A table of amounts in yuan with a total row (amounts are not counts of people, so
    nothing is hidden)."""
    width = len(columns)
    totals = [sum((values[c] for _label, values in rows), Decimal("0")) for c in range(width)]
    shown = [(label, [Cell(v, CellKind.MONEY) for v in values]) for label, values in rows]
    if rows:
        shown.append((str(TOTAL), [Cell(v, CellKind.MONEY) for v in totals]))
    return Table(key, title, row_header, columns, shown, chart="bar")


def small_cell_note() -> str:
    return _(
        "Figures from 1 to %(limit)s are shown as <%(threshold)s, and so is a second figure "
        "wherever a total would reveal one."
    ) % {"limit": threshold() - 1, "threshold": threshold()}


def count_cell(value: int) -> Cell:
    """A count of people standing alone (no total to subtract from): hidden when small."""
    return Cell(value, hidden=is_small(value))


def rate_cell(numerator: Cell, denominator: Cell) -> Cell:
    """A share of two counts, hidden when either count is hidden."""
    if numerator.hidden or denominator.hidden:
        return Cell(None, CellKind.RATE, hidden=True)
    if not denominator.value:
        return Cell(None, CellKind.RATE)
    return Cell(Decimal(numerator.value or 0) / Decimal(denominator.value), CellKind.RATE)


def with_columns(table: Table, *, columns: list[str], cells: list[list[Cell]]) -> Table:
    """The table with derived columns (rates, averages) appended to each row."""
    table.columns = [*table.columns, *columns]
    table.rows = [
        (label, [*row, *extra]) for (label, row), extra in zip(table.rows, cells, strict=True)
    ]
    return table
