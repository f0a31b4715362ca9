"""How report cells read: rates, days and hours rounded half up, never cut off."""

from decimal import Decimal

from reports.tables import Cell, CellKind


def test_a_rate_is_rounded_to_one_decimal_not_cut_off():
    assert Cell(Decimal(2) / Decimal(3), CellKind.RATE).display == "66.7%"
    assert Cell(Decimal(11) / Decimal(16), CellKind.RATE).display == "68.8%"
    assert Cell(Decimal(1) / Decimal(3), CellKind.RATE).display == "33.3%"


def test_days_and_hours_are_rounded_to_one_decimal():
    assert Cell(2.96, CellKind.DAYS).display == "3.0"
    assert Cell(Decimal("12.25"), CellKind.HOURS).display == "12.3"
    assert Cell(Decimal("0.04"), CellKind.HOURS).display == "0.0"
