"""What a dossier may carry: PDF, Word (.doc, .docx) and JPEG/PNG images, recognised by their
content (magic bytes), never by the name or the browser's claim (design §5)."""

from __future__ import annotations

import io
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/msword"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def max_upload_bytes() -> int:
    return int(getattr(settings, "NOMINATIONS_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def _is_docx(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, ValueError):
        return False


def sniff_upload(content: bytes) -> str:
    """The content type of an allowed file, or a Vietnamese ``ValidationError``."""
    limit = max_upload_bytes()
    if not content:
        raise ValidationError(_("Tệp rỗng."))
    if len(content) > limit:
        raise ValidationError(_("Tệp quá lớn (%(size)s); tối đa %(limit)s.")
                              % {"size": filesizeformat(len(content)), "limit": filesizeformat(limit)})
    for magic, content_type in _SIGNATURES:
        if content.startswith(magic):
            return content_type
    if content.startswith(b"PK\x03\x04") and _is_docx(content):
        return DOCX
    raise ValidationError(_("Chỉ nhận tệp PDF, Word (.doc, .docx) hoặc ảnh JPEG, PNG."))
