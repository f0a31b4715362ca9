"""Small-cell suppression: a count under the threshold never reaches a reader, not even by
subtracting it from a total."""

from dataclasses import dataclass, field

from django.conf import settings


def threshold() -> int:
    """Counts from 1 up to this value minus one are shown as "<threshold"."""
    return int(getattr(settings, "REPORTS_SMALL_CELL_THRESHOLD", 5))


def is_small(value: int, *, limit: int | None = None) -> bool:
    """Whether a count must not be shown: from 1 up to the threshold minus one (zero identifies
    nobody)."""
    return 0 < value < (threshold() if limit is None else limit)


@dataclass
class Grid:
    """A matrix of counts with, where the table shows them, a total column, a total row and a
    grand total, and which of these cells are hidden. A total is a position like any other, so
    that every line that ends in a total can be checked for subtraction."""

    values: list[list[int]]
    total_column: bool = False
    total_row: bool = False
    hidden: set[tuple[int, int]] = field(default_factory=set)

    @classmethod
    def with_totals(
        cls, inner: list[list[int]], *, total_column: bool = True, total_row: bool = True
    ) -> "Grid":
        rows = [[*row, sum(row)] if total_column else list(row) for row in inner]
        width = len(rows[0]) if rows else 0
        if total_row and rows:
            rows.append([sum(row[col] for row in rows) for col in range(width)])
        return cls(values=rows, total_column=total_column, total_row=total_row)

    def lines(self) -> list[list[tuple[int, int]]]:
        """Every row and every column that ends in a total, the total as its last position."""
        height, width = len(self.values), len(self.values[0]) if self.values else 0
        rows = [[(r, c) for c in range(width)] for r in range(height)] if self.total_column else []
        cols = [[(r, c) for r in range(height)] for c in range(width)] if self.total_row else []
        return rows + cols


def suppress(grid: Grid, *, limit: int | None = None) -> Grid:
    """Hide every count from 1 to limit-1 (primary), then, wherever a line has exactly one
    hidden cell, hide the smallest other cell of it too (secondary), until nothing changes."""
    limit = threshold() if limit is None else limit
    for r, row in enumerate(grid.values):
        for c, value in enumerate(row):
            if is_small(value, limit=limit):
                grid.hidden.add((r, c))
    changed = True
    while changed:
        changed = False
        for line in grid.lines():
            if _hide_partner(grid, line):
                changed = True
    return grid


def _hide_partner(grid: Grid, line: list[tuple[int, int]]) -> bool:
    hidden = [pos for pos in line if pos in grid.hidden]
    if len(hidden) != 1:
        return False
    inner, total = line[:-1], line[-1]
    candidates = [pos for pos in inner if pos not in grid.hidden and _value(grid, pos) > 0]
    if not candidates and hidden[0] == total:
        return False
    if not candidates:
        candidates = [total] if total not in grid.hidden else []
    if not candidates:
        return False
    grid.hidden.add(min(candidates, key=lambda pos: _value(grid, pos)))
    return True


def _value(grid: Grid, pos: tuple[int, int]) -> int:
    return grid.values[pos[0]][pos[1]]
