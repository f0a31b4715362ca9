"""Small-cell suppression: no count from 1 to 4 reaches a reader, directly or by subtraction."""

from hypothesis import given, settings
from hypothesis import strategies as st

from reports.suppression import Grid, suppress
from reports.tables import count_table


def shown(grid: Grid) -> dict[tuple[int, int], int]:
    return {
        (r, c): value
        for r, row in enumerate(grid.values)
        for c, value in enumerate(row)
        if (r, c) not in grid.hidden
    }


def test_counts_under_five_are_hidden_and_zero_and_five_are_not():
    grid = suppress(Grid.with_totals([[0, 4, 5, 20]]))

    assert (0, 1) in grid.hidden
    assert (0, 0) not in grid.hidden


def test_a_second_cell_is_hidden_so_the_total_cannot_be_subtracted():
    grid = suppress(Grid.with_totals([[10, 3, 7], [8, 9, 12]]))

    assert (0, 1) in grid.hidden
    row_hidden = [c for c in range(4) if (0, c) in grid.hidden]
    column_hidden = [r for r in range(3) if (r, 1) in grid.hidden]
    assert len(row_hidden) >= 2
    assert len(column_hidden) >= 2


def test_the_total_is_hidden_when_every_other_cell_is_zero():
    grid = suppress(Grid.with_totals([[0, 0, 3], [0, 0, 0]], total_row=False))

    assert {(0, 2), (0, 3)} <= grid.hidden


def test_lines_without_a_total_need_no_second_cell():
    grid = suppress(Grid.with_totals([[10, 3], [8, 9]], total_column=False, total_row=False))

    assert grid.hidden == {(0, 1)}


def test_count_table_shows_hidden_cells_as_less_than_five_and_notes_why():
    table = count_table(
        key="t",
        title="T",
        row_header="R",
        columns=["a", "b"],
        rows=[("x", [2, 30]), ("y", [9, 40])],
    )

    displays = [[cell.display for cell in cells] for _label, cells in table.rows]
    assert displays[0][0] == "<5"
    assert "2" not in [d for row in displays for d in row]
    assert table.notes


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=4),
        min_size=1,
        max_size=4,
    ).filter(lambda rows: len({len(row) for row in rows}) == 1)
)
def test_no_hidden_cell_can_be_recovered_from_its_line(rows):
    grid = suppress(Grid.with_totals(rows))

    for line in grid.lines():
        hidden = [pos for pos in line if pos in grid.hidden]
        assert len(hidden) != 1, (rows, line, grid.hidden)
    for (r, c), value in shown(grid).items():
        assert not 0 < value < 5, (rows, (r, c))
