"""Plain tables to an XLSX download, with openpyxl (write-only: rows are streamed, not kept as cell objects)."""

import io
import re
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# Characters a sheet title may not hold, and its maximum length (Excel's rules).
_TITLE = re.compile(r"[\[\]:*?/\\]")


def _clean(value):
    """Text without the control characters XML (and openpyxl) refuse; other values as they are."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return value


def xlsx(sheets: Iterable[tuple[str, Iterable[Sequence]]]) -> bytes:
    """A workbook with one sheet per (title, rows)."""
    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = workbook.create_sheet(" ".join(_TITLE.sub("", title).split())[:31] or "Blad")
        for row in rows:
            sheet.append([_clean(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
