"""A real, minimal PDF for tests that need a document's file but not its layout."""

from __future__ import annotations

import io

from pypdf import PdfWriter


def blank_pdf(metadata: dict[str, str] | None = None) -> bytes:
    """One blank A4 page: an upload's content check and the issuing of a document (its text) both read it.
    ``metadata``: entries of its document information (e.g. the audit chain head WeasyPrint would write)."""
    buffer = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if metadata:
        writer.add_metadata(metadata)
    writer.write(buffer)
    return buffer.getvalue()
