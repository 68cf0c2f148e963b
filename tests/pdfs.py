"""A real, minimal PDF for tests that need a document's file but not its layout."""

from __future__ import annotations

import io

from pypdf import PdfWriter


def blank_pdf() -> bytes:
    """One blank A4 page: an upload's content check and the issuing of a document (its text) both read it."""
    buffer = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(buffer)
    return buffer.getvalue()
