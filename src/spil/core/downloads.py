"""A table (a header and rows of plain values) as a CSV or XLSX download that no cache keeps.

CSV is streamed in chunks, UTF-8 with a byte-order mark (so Excel reads the accents) and commas, like the
import templates; a text that a spreadsheet would run as a formula gets a leading apostrophe. XLSX is built
by `core.xlsx` (text stays text there). Dates are written dd-mm-jjjj in CSV and as real dates in XLSX."""

import csv
import datetime
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

from .xlsx import xlsx

FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
CSV_CHUNK = 500  # rows per streamed piece

# A leading =, +, -, @, tab or carriage return makes a spreadsheet read a cell as a formula; a phone number
# or a negative number ('+31 6 1234 5678', '-5') is left alone.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SIGNED_NUMBER = re.compile(r"[+-][0-9\s().-]*")


@dataclass
class Table:
    filename: str  # without the extension
    title: str  # the sheet's name in XLSX
    header: list[str]
    rows: list[Sequence] = field(default_factory=list)


def csv_value(value, tz=None) -> str:
    if type(value) is str:  # most cells: checked first, this runs for every cell of 20,000 rows
        if value.startswith(_FORMULA_START) and not _SIGNED_NUMBER.fullmatch(value):
            return "'" + value
        return value
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_naive(value):
            return value.strftime("%d-%m-%Y %H:%M")
        return value.astimezone(tz or timezone.get_current_timezone()).strftime("%d-%m-%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d-%m-%Y")
    return csv_value(str(value), tz) if isinstance(value, str) else str(value)


class _Line:
    """A file-like object whose write returns what it was given: csv.writer then yields lines."""

    def write(self, text: str) -> str:
        return text


def csv_chunks(header: Sequence, rows: Sequence[Sequence]) -> Iterator[bytes]:
    writer = csv.writer(_Line(), delimiter=",", lineterminator="\r\n")
    tz = timezone.get_current_timezone()
    yield ("\ufeff" + writer.writerow([csv_value(v, tz) for v in header])).encode()
    for start in range(0, len(rows), CSV_CHUNK):
        lines = [writer.writerow([csv_value(v, tz) for v in row]) for row in rows[start : start + CSV_CHUNK]]
        yield "".join(lines).encode()


def table_response(table: Table, fmt: str):
    """The download: CSV streamed, XLSX in one piece; private and never stored by a cache, so the next
    download reflects a consent revoked a moment ago."""
    if fmt == "csv":
        response = StreamingHttpResponse(csv_chunks(table.header, table.rows), content_type=CONTENT_TYPES["csv"])
    elif fmt == "xlsx":
        content = xlsx([(table.title, [table.header, *table.rows])])
        response = HttpResponse(content, content_type=CONTENT_TYPES["xlsx"])
    else:
        raise ValueError(fmt)
    response["Content-Disposition"] = f'attachment; filename="{table.filename}.{fmt}"'
    response["Cache-Control"] = "no-store, private"
    return response


def file_response(content: bytes, filename: str, fmt: str) -> HttpResponse:
    """A file built earlier (an export job's) as a download: private and never stored by a cache, as above."""
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store, private"
    return response
