"""Reading PDFs back in the document tests: text, page size, embedded fonts; a blank page for the
tests about who may issue what, which need a PDF but not WeasyPrint's seconds."""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter

from workflow.documents import rendering, services
from workflow.documents.rendering import RenderResult, pdf_text

A4_POINTS = (595.28, 841.89)

__all__ = ["A4_POINTS", "BLANK_PDF", "blank_page", "decision_draft", "embedded_fonts", "failed_document", "page_sizes",
           "page_texts", "pdf_text"]


def _blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(*A4_POINTS)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


BLANK_PDF = _blank_pdf()


def blank_page(html: str) -> RenderResult:
    """Stands in for ``rendering.html_to_pdf``: one blank A4 page, which ``pdf_text`` reads."""
    return RenderResult(pdf=BLANK_PDF)


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


def decision_draft(actor, agency):
    """A small Quyết định drafted by ``actor`` (the secretariat, the chief or a deputy of ``agency``)."""
    return services.document_create(
        actor=actor, agency=agency, template_key="quyet_dinh_khen_thuong", summary="Về việc tặng Giấy khen",
        issuer_unit_code="HCQT", data={"authority": "Chánh Văn phòng", "articles": ["Tặng Giấy khen."], "annex": []})


def failed_document(drafter, signer):
    """A draft signed by ``signer`` whose PDF failed to render: no number, waiting for "Tạo lại"."""
    from django.test import TestCase
    from pytest import MonkeyPatch

    document = decision_draft(drafter, signer.unit.agency)
    with MonkeyPatch.context() as patch, TestCase.captureOnCommitCallbacks(execute=True):
        patch.setattr(rendering, "html_to_pdf", lambda html: (_ for _ in ()).throw(OSError("font cache")))
        services.document_sign(actor=signer, document=document)
    document.refresh_from_db()
    return document
