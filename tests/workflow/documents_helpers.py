"""Reading PDFs back in the document tests: text, page size, embedded fonts."""

from __future__ import annotations

import io

from pypdf import PdfReader

from workflow.documents.rendering import pdf_text

A4_POINTS = (595.28, 841.89)

__all__ = ["A4_POINTS", "embedded_fonts", "page_sizes", "page_texts", "pdf_text"]


def page_texts(pdf: bytes) -> list[str]:
    return pdf_text(pdf).split("\f")


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    reader = PdfReader(io.BytesIO(pdf))
    return [(float(page.mediabox.width), float(page.mediabox.height)) for page in reader.pages]


def embedded_fonts(pdf: bytes) -> dict[str, bool]:
    """BaseFont name → whether its program is embedded (FontFile, FontFile2 or FontFile3)."""
    reader = PdfReader(io.BytesIO(pdf))
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font.get("/BaseFont"))] = embedded
    return fonts
