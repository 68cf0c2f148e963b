"""Any list as an Excel workbook: a column spec with Vietnamese headers, rows in, .xlsx bytes out.

Domain-free: a list page (or a background job) gives the same scoped, filtered queryset it shows
on screen and a list of ``Column``; dates become real Excel dates shown dd/mm/yyyy, text is NFC
(Vietnamese names compare equal after a round trip) and a cell that a spreadsheet would run as a
formula is neutralised (CSV/formula injection). Written with openpyxl's write-only mode so memory
stays flat whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_MAX_ROWS = 1_048_575  # one Excel sheet, minus the header
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    """One column: its header (a lazy Vietnamese string), how to read a row, its width in characters."""
    header: str
    value: Callable[[object], object]
    width: int = 18


def attr(path: str) -> Callable[[object], object]:
    """``attr("unit.name")`` reads ``row.unit.name``, giving "" when a link on the way is empty."""
    parts = path.split(".")

    def read(row):
        value = row
        for part in parts:
            value = getattr(value, part, None)
            if value is None:
                return ""
            if callable(value) and not isinstance(value, type):
                value = value()
        return value

    return read


def cell_value(value):
    """What a cell stores: real numbers and dates, local naive times, NFC text, no formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None)
    if isinstance(value, (dt.date, int, float, Decimal)):
        return value
    text = unicodedata.normalize("NFC", str(value))
    if text[:1] in FORMULA_STARTS:
        return "'" + text
    return text


def xlsx_bytes(*, columns: list[Column], rows: Iterable, sheet_title: str,
               progress: Callable[[int], None] | None = None, every: int = 500) -> bytes:
    """The workbook; ``progress(count)`` is called every ``every`` rows for a background job."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_sheet_title(str(sheet_title)))
    for index, column in enumerate(columns):
        sheet.column_dimensions[_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=unicodedata.normalize("NFC", str(column.header)))
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in rows:
        if count >= XLSX_MAX_ROWS:
            break
        cells = []
        for column in columns:
            value = cell_value(column.value(row))
            if isinstance(value, (dt.date, dt.datetime)):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = DATETIME_FORMAT if isinstance(value, dt.datetime) else DATE_FORMAT
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
        count += 1
        if progress is not None and count % every == 0:
            progress(count)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _letter(index: int) -> str:

    return get_column_letter(index + 1)


def _sheet_title(title: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", " ", unicodedata.normalize("NFC", title))[:31] or "Sheet"


def ascii_filename(name: str) -> str:
    """"Hồ sơ đề nghị 2024" → "ho-so-de-nghi-2024": safe in every browser and file system."""
    folded = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    slug = re.sub(r"[^A-Za-z0-9.]+", "-", folded).strip("-.").lower()
    return slug[:120] or "tep"


def attachment_disposition(filename: str) -> str:
    """Content-Disposition with an ASCII fallback and the Vietnamese name (RFC 6266 / 5987)."""
    stem, dot, ext = filename.rpartition(".")
    if not dot:
        stem, ext = filename, ""
    fallback = ascii_filename(stem) + (f".{ascii_filename(ext)}" if ext else "")
    utf8 = quote(unicodedata.normalize("NFC", filename).replace("/", "-").replace("\\", "-"), safe="")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{utf8}"


def dated_filename(stem: str, ext: str = "xlsx") -> str:
    return f"{stem}-{timezone.localtime():%Y%m%d-%H%M}.{ext}"


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = attachment_disposition(filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


class ExportSpec:
    """What a list exports: a name for the file and sheet, and its columns; rows come from the view."""
    def __init__(self, *, title: str, filename: str, columns: list[Column]) -> None:
        self.title, self.filename, self.columns = title, filename, columns

    def response(self, rows: Iterable) -> HttpResponse:
        content = xlsx_bytes(columns=self.columns, rows=rows, sheet_title=self.title)
        return xlsx_response(content, dated_filename(self.filename))


EXPORT_PARAM = "xuat"


class ExcelExportMixin:
    """A list view whose URL with ``?xuat=xlsx`` gives the same rows (scope and filters) as Excel.

    The view sets ``export_spec`` and implements ``export_rows()`` from the very selector and filters
    it renders with, so an export can never hold a row the page would not show.
    """

    export_spec: ExportSpec

    def export_rows(self) -> Iterable:
        return self.get_queryset()

    def get(self, request, *args, **kwargs):
        if request.GET.get(EXPORT_PARAM) == "xlsx":
            return self.export_spec.response(self.export_rows())
        return super().get(request, *args, **kwargs)
