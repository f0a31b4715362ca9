"""Spreadsheet exports that cannot run formulas: the one safe-cell rule for every CSV and XLSX.

A cell whose text starts with = + - @ (or a tab or carriage return, which some programs skip
before reading a formula) is run as a formula when the file is opened: an organization named
``=HYPERLINK("https://evil.example", "click")`` would become a live link in an oversight
officer's spreadsheet. Every export builds its rows as plain Python values and hands them to
``csv_response`` / ``csv_streaming_response`` / ``xlsx_response`` (or calls ``safe_cell`` on each
value when it writes a file some other way)::

    from portal.exports import csv_response

    rows = [[_("Name"), _("Amount")], *((offer.title, offer.amount) for offer in offers)]
    return csv_response("offers.csv", rows)

Numbers, dates and booleans stay typed (a negative amount is not a formula); text that looks
like a formula is prefixed with a single quote in CSV and stored as text (with Excel's own
quote-prefix flag) in XLSX.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TYPED = (bool, int, float, Decimal, date, datetime, time)


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet program would read this text as the start of a formula."""
    return text.startswith(FORMULA_STARTS)


def safe_cell(value: Any) -> Any:
    """A value safe to write into a CSV cell: typed values unchanged, formula-like text quoted."""
    if value is None:
        return ""
    if isinstance(value, TYPED):
        return value
    text = str(value)
    return f"'{text}" if is_formula_like(text) else text


def safe_row(row: Iterable[Any]) -> list[Any]:
    """Every cell of a row made safe with safe_cell."""
    return [safe_cell(value) for value in row]


class _Echo:
    """A file-like object that hands back what is written, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # a byte-order mark, so that spreadsheet programs read UTF-8
    for row in rows:
        yield writer.writerow(safe_row(row))


def _attachment(response: HttpResponse | StreamingHttpResponse, filename: str):
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def csv_response(filename: str, rows: Iterable[Iterable[Any]]) -> HttpResponse:
    """A CSV download (first row the header) with every cell made safe."""
    return _attachment(HttpResponse("".join(_csv_lines(rows)), CSV_CONTENT_TYPE), filename)


def csv_streaming_response(filename: str, rows: Iterable[Iterable[Any]]) -> StreamingHttpResponse:
    """A streamed CSV download for long exports (rows read lazily), every cell made safe."""
    return _attachment(StreamingHttpResponse(_csv_lines(rows), CSV_CONTENT_TYPE), filename)


if TYPE_CHECKING:
    from openpyxl.cell import WriteOnlyCell


def _xlsx_cell(sheet, value: Any) -> "WriteOnlyCell":
    # openpyxl (16 MB resident) is imported by the first export, not by every web worker.
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.make_naive(value)  # Excel has no time zones: local time
    if value is None or isinstance(value, TYPED):
        return WriteOnlyCell(sheet, value=value)
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    cell = WriteOnlyCell(sheet, value=text)
    # openpyxl turns text starting with "=" into a formula: store every text as text.
    cell.data_type = "s"
    if is_formula_like(text):
        cell.quotePrefix = True
    return cell


def xlsx_bytes(rows: Iterable[Iterable[Any]], *, sheet_title: str = "Sheet1") -> bytes:
    """An XLSX workbook of one sheet with every text cell stored as text, never as a formula."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=ILLEGAL_CHARACTERS_RE.sub("", sheet_title)[:31])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(
    filename: str, rows: Iterable[Iterable[Any]], *, sheet_title: str = "Sheet1"
) -> HttpResponse:
    """An XLSX download (first row the header) with every cell made safe."""
    content = xlsx_bytes(rows, sheet_title=sheet_title)
    return _attachment(HttpResponse(content, XLSX_CONTENT_TYPE), filename)
