"""What every signing step's return shares (the council approval, the agency's pledge công văn, the annual
report): the signer who does not sign says why, for the secretariat to correct."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models.reports import PROSE_MAX


def return_reason_clean(reason: str | None) -> str:
    """The reason, stripped; refused, in Vietnamese and on the ``reason`` field, when empty or too long."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Ghi rõ lý do trả lại để Thường trực biết cần sửa gì.")})
    if len(reason) > PROSE_MAX:
        raise ValidationError({"reason": _("Lý do dài quá %(limit)s ký tự.") % {"limit": PROSE_MAX}})
    return reason
