"""The numbering register: "Số: 05/QĐ-VP" (Nghị định 30/2020/NĐ-CP, Điều 15; Phụ lục I, mục 3).

Numbers run from 01 each calendar year, per issuer and per type of document, with no gap and
no duplicate. A number is taken inside the transaction that issues the document, under a row
lock on the register's counter; if that transaction rolls back, the number was never given.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from accounts.models import Agency

from .models import DocumentCounter, DocumentType


def number_allocate(*, agency: Agency, year: int, doc_type: str, for_update: bool = True) -> int:
    """Take the next number of the register ``agency`` × ``year`` × ``doc_type``.

    Must run inside the issuing transaction. Lock order, the same for every caller: the
    document row first (locked by the caller), then this counter row. ``for_update=False``
    exists only to show in a test what happens without the lock.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("number_allocate must run inside the issuing transaction")
    _ensure_counter(agency=agency, year=year, doc_type=doc_type)
    counters = DocumentCounter.objects.filter(agency=agency, year=year, doc_type=doc_type)
    if for_update:
        counters = counters.select_for_update()
    counter = counters.get()
    counter.last_number += 1
    _inside_critical_section()
    counter.save(update_fields=["last_number"])
    return counter.last_number


def _ensure_counter(*, agency: Agency, year: int, doc_type: str) -> None:
    """Create the year's counter row once; a concurrent creator wins and we use its row."""
    if DocumentCounter.objects.filter(agency=agency, year=year, doc_type=doc_type).exists():
        return
    try:
        with transaction.atomic():
            DocumentCounter.objects.create(agency=agency, year=year, doc_type=doc_type, last_number=0)
    except IntegrityError:
        pass


def _inside_critical_section() -> None:
    """A seam for the concurrency tests, which widen the window between read and write."""


def format_number(*, number: int | None, doc_type: str, agency_code: str, unit_code: str = "") -> str:
    """"Số: 05/QĐ-VP", or for a công văn "Số: 1014/VP-HCQT"; a draft leaves the number blank.

    Numbers below 10 get a leading zero (Nghị định 30/2020, Phụ lục I, mục 3).
    """
    shown = f"{number:02d}" if number is not None else "\u00a0" * 8
    if doc_type == DocumentType.CONG_VAN:
        symbol = f"{agency_code}-{unit_code}" if unit_code else agency_code
    else:
        symbol = f"{doc_type}-{agency_code}"
    return f"Số: {shown}/{symbol}"
