"""The numbering register: "Số: 05/QĐ-VP" (Nghị định 30/2020/NĐ-CP, Điều 15; Phụ lục I, mục 3).

Numbers run from 01 each calendar year, per issuer and per type of document, with no gap and
no duplicate. A number is taken inside the transaction that issues the document, under a row
lock on the register's counter; if that transaction rolls back, the number was never given.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import Agency, User
from accounts.roles import Role
from accounts.selectors import roles_here

from .models import DocumentCounter, DocumentType


def number_allocate(
    *, agency: Agency, year: int, doc_type: str, actor: User | None = None, for_update: bool = True
) -> int:
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
    counter._history_user = actor
    counter.save(update_fields=["last_number"])
    return counter.last_number


@transaction.atomic
def register_continue_from(
    *, actor: User, agency: Agency, year: int, doc_type: str, last_number: int
) -> DocumentCounter:
    """Continue a register from the paper one: the next number given will be ``last_number + 1``.

    For an agency that starts using the system during a year (Nghị định 30/2020, Điều 15:
    one sequence per year). A register only moves forward: a number already given is never
    given again.
    """
    if not roles_here(actor, agency) & {Role.SECRETARIAT, Role.CHIEF}:
        raise PermissionDenied(_("Chỉ thường trực hoặc thủ trưởng cơ quan mới được đặt số bắt đầu của sổ văn bản."))
    _ensure_counter(agency=agency, year=year, doc_type=doc_type)
    counter = DocumentCounter.objects.select_for_update().get(agency=agency, year=year, doc_type=doc_type)
    if last_number < counter.last_number:
        raise ValidationError(
            _("Sổ đã cấp đến số %(last)d; không thể lùi về %(wanted)d.")
            % {"last": counter.last_number, "wanted": last_number}
        )
    counter.last_number = last_number
    counter.full_clean()
    counter._history_user = actor
    counter.save()
    return counter


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
