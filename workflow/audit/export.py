"""The log as a file for the inspection report: CSV (UTF-8 with BOM, opens in Excel) and XLSX.

Both stream from the same filtered queryset the auditor sees on screen, with Vietnamese
headers, times in the agency's time zone next to the stored UTC time, and the hashes, so a
printed extract can be checked against the chain later.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from .actions import action_label
from .chain import utc_text
from .models import AuditEvent

XLSX_MAX_ROWS = 1_048_575  # one sheet of Excel, minus the header
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def headers() -> list[str]:
    return [
        _("Số thứ tự"), _("Thời điểm (giờ Việt Nam)"), _("Thời điểm (UTC)"), _("Người thực hiện"),
        _("Tên đăng nhập"), _("Thay mặt"), _("Cơ quan"), _("Hành động"), _("Mã hành động"),
        _("Loại đối tượng"), _("Mã đối tượng"), _("Đối tượng"), _("Lý do"), _("Thay đổi"),
        _("Mã yêu cầu"), _("Địa chỉ IP"), _("Mã băm sự kiện trước"), _("Mã băm"),
    ]


def _row(event: AuditEvent) -> list:
    actor = event.actor
    content_type = event.content_type
    model = content_type.model_class() if content_type is not None else None
    return [_safe(value) for value in (
        event.seq,
        timezone.localtime(event.created_at).strftime("%d/%m/%Y %H:%M:%S"),
        utc_text(event.created_at),
        (actor.full_name or actor.username) if actor else "",
        actor.username if actor else "",
        (event.on_behalf_of.full_name or event.on_behalf_of.username) if event.on_behalf_of else "",
        event.agency.name if event.agency else "",
        action_label(event.action),
        event.action,
        str(model._meta.verbose_name) if model is not None else "",
        event.object_id,
        event.object_repr,
        event.reason,
        json.dumps(event.changes, ensure_ascii=False, sort_keys=True) if event.changes else "",
        event.request_id,
        event.ip or "",
        event.prev_hash,
        event.hash,
    )]


def _safe(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (CSV injection)."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_chunks(events: QuerySet[AuditEvent]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(headers())
    for event in events.iterator(chunk_size=2000):
        yield writer.writerow(_row(event))


def xlsx_bytes(events: QuerySet[AuditEvent]) -> bytes:

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Nhật ký kiểm tra"))

    header_cells = []
    for title in headers():
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    for event in events[:XLSX_MAX_ROWS].iterator(chunk_size=2000):
        sheet.append(_row(event))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
