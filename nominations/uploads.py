"""What a dossier may carry: PDF, Word (.doc, .docx) and JPEG/PNG images, recognised by their
content (magic bytes), never by the browser's claim (design §5).

The name must also end in an extension of the type found, so a file never reaches a reviewer's
desktop as ``bao-cao.pdf.exe``; a .docx (a zip archive) must unpack to a bounded size and hold
no archive inside it, so it cannot be a "zip bomb" for whoever opens it."""

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
EXTENSIONS = {
    "application/pdf": (".pdf",),
    "application/msword": (".doc",),
    DOCX: (".docx",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/png": (".png",),
}
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ARCHIVE_MEMBERS = 1000
_NESTED = (b"PK\x03\x04", b"\x1f\x8b", b"7z\xbc\xaf\x27\x1c", b"Rar!", b"BZh")


def max_upload_bytes() -> int:
    return int(getattr(settings, "NOMINATIONS_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def _is_docx(content: bytes) -> bool:
    """A Word document whose unpacked size is bounded and that holds no archive inside it.

    The sizes are the archive's own declarations; Python's ``zipfile`` never unpacks more than
    an entry declares, so they bound what anyone reading the file through it would unpack."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
            if "word/document.xml" not in archive.namelist():
                return False
            if len(members) > MAX_ARCHIVE_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
                raise ValidationError(_("Tệp Word giải nén quá lớn hoặc có quá nhiều thành phần: không nhận."))
            for member in members:
                if member.filename.lower().endswith((".zip", ".docx", ".xlsx", ".gz", ".7z", ".rar")):
                    raise ValidationError(_("Tệp Word chứa tệp nén bên trong: không nhận."))
                with archive.open(member) as handle:
                    if handle.read(8).startswith(_NESTED):
                        raise ValidationError(_("Tệp Word chứa tệp nén bên trong: không nhận."))
            return True
    except (zipfile.BadZipFile, ValueError, NotImplementedError, RuntimeError, EOFError):
        return False


def _require_extension(filename: str, content_type: str) -> None:
    name = filename.strip().lower()
    if not name.endswith(EXTENSIONS[content_type]):
        raise ValidationError(
            _("Tên tệp phải có đuôi %(extensions)s như nội dung tệp (tệp “%(name)s” không được nhận).")
            % {"extensions": ", ".join(EXTENSIONS[content_type]), "name": filename[:80]})


def check_size(size: int) -> None:
    limit = max_upload_bytes()
    if size > limit:
        raise ValidationError(_("Tệp quá lớn (%(size)s); tối đa %(limit)s.")
                              % {"size": filesizeformat(size), "limit": filesizeformat(limit)})


def sniff_upload(content: bytes, filename: str | None = None) -> str:
    """The content type of an allowed file, or a Vietnamese ``ValidationError``; with ``filename``,
    the name's extension must be one of that type's."""
    if not content:
        raise ValidationError(_("Tệp rỗng."))
    check_size(len(content))
    found = next((content_type for magic, content_type in _SIGNATURES if content.startswith(magic)), None)
    if found is None and content.startswith(b"PK\x03\x04") and _is_docx(content):
        found = DOCX
    if found is None:
        raise ValidationError(_("Chỉ nhận tệp PDF, Word (.doc, .docx) hoặc ảnh JPEG, PNG."))
    if filename is not None:
        _require_extension(filename, found)
    return found
