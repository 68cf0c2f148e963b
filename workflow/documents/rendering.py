"""Django templates → HTML → PDF with WeasyPrint, and the text of a PDF back.

WeasyPrint is imported on first use, not when Django starts. The renderer may read our own
static files and nothing else: no local file, no network, whatever a template or a user's
text contains. Documents are always rendered in Vietnamese: they are legal texts, not UI.
"""

from __future__ import annotations

import hashlib
import io
import logging
import mimetypes
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)

# The pseudo-origin our HTML is rendered under: "<ORIGIN>static/…" maps to the static files.
ORIGIN = "https://documents.thidua.invalid/"
STATIC_PREFIX = ORIGIN + "static/"


@dataclass
class RenderResult:
    pdf: bytes
    refused_urls: list[str] = field(default_factory=list)
    # Where the elements with an ``id`` are on the pages: ``{id: (page index, x1, y1, x2, y2)}`` in PDF points
    # from the page's bottom-left — the signature places (``workflow.signing``) are found by their ids.
    anchors: dict[str, tuple[int, float, float, float, float]] = field(default_factory=dict)

    @property
    def pdf_sha256(self) -> str:
        return hashlib.sha256(self.pdf).hexdigest()


def render_html(template_name: str, context: dict) -> str:
    """The document as HTML; autoescaped like every Django template."""
    with translation.override("vi"):
        return render_to_string(template_name, context)


@lru_cache(maxsize=1)
def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: PLC0415 - WeasyPrint costs 0.5 s to import; only rendering needs it

    class StaticOnlyFetcher(URLFetcher):
        """Serves ``<ORIGIN>static/<path>`` from the static finders; refuses every other URL."""

        def __init__(self):
            super().__init__(allowed_protocols=("https",), fail_on_errors=False)
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            path = url[len(STATIC_PREFIX):].split("?", 1)[0].split("#", 1)[0] if url.startswith(STATIC_PREFIX) else None
            found = finders.find(path) if path and ".." not in Path(path).parts else None
            if not found:
                self.refused.append(url)
                logger.warning("Document renderer refused to fetch %s", url[:200])
                raise ValueError("only the application's own static files may be used in a document")
            content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
            return URLFetcherResponse(url, Path(found).read_bytes(), {"Content-Type": content_type})

    return StaticOnlyFetcher


_fonts = threading.local()


def font_configuration():
    """This thread's WeasyPrint font configuration (fontconfig + a Pango font map), made on first use and kept.

    WeasyPrint makes a new one for every document unless it is given one, and the C memory of each (fontconfig's
    config, Pango's font map and its caches) is never given back to the system: about 0.23 MB a document, so a
    province's year (one báo cáo thành tích PDF a line) grew by about 117 MB an agency (issue 23, branch f/mem).
    One per thread: a Pango font map is not to be shared between threads. Our documents load no ``@font-face``
    (system fonts only), so what it caches is bounded by the fonts and styles the templates use; a font installed on
    the system after the process started is seen by the next process."""
    config = getattr(_fonts, "config", None)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration  # noqa: PLC0415 - WeasyPrint costs 0.5 s to import

        config = _fonts.config = FontConfiguration()
    return config


def html_to_pdf(html: str) -> RenderResult:
    """Lay the HTML out on A4 pages and write the PDF, fonts embedded (subset)."""
    import weasyprint  # noqa: PLC0415 - WeasyPrint costs 0.5 s to import; only rendering needs it

    fetcher = _fetcher_class()()
    document = weasyprint.HTML(string=html, base_url=ORIGIN, url_fetcher=fetcher)
    # The HTML's <meta name="audit-chain-head"> becomes the PDF's /auditchainhead: the chain head at
    # signing travels with the file without printing an element Nghị định 30 does not have.
    rendered = document.render(font_config=font_configuration(), custom_metadata=True)
    pdf = rendered.write_pdf(custom_metadata=True)
    return RenderResult(pdf=pdf, refused_urls=list(fetcher.refused), anchors=_anchors(rendered))


CSS_PX_TO_PT = 0.75


def _anchors(rendered) -> dict[str, tuple[int, float, float, float, float]]:
    found = {}
    for index, page in enumerate(rendered.pages):
        for name, (x1, y1, x2, y2) in page.anchors.items():
            found.setdefault(name, (index, x1 * CSS_PX_TO_PT, (page.height - y2) * CSS_PX_TO_PT,
                                    x2 * CSS_PX_TO_PT, (page.height - y1) * CSS_PX_TO_PT))
    return found


def render_pdf(template_name: str, context: dict) -> RenderResult:
    return html_to_pdf(render_html(template_name, context))


def pdf_text(pdf: bytes) -> str:
    """The text of every page, in NFC, pages separated by a form feed."""
    from pypdf import PdfReader  # noqa: PLC0415 - read only when a PDF is checked

    reader = PdfReader(io.BytesIO(pdf))
    pages = [page.extract_text() or "" for page in reader.pages]
    return unicodedata.normalize("NFC", "\f".join(pages))


AUDIT_HEAD_KEY = "/auditchainhead"  # WeasyPrint keeps the alphanumerics of the lower-cased <meta> name


def pdf_audit_head(pdf: bytes) -> str:
    """The audit chain head written into the PDF's metadata when it was issued ("" if none)."""
    from pypdf import PdfReader  # noqa: PLC0415 - read only when a PDF is checked
    from pypdf.errors import PyPdfError  # noqa: PLC0415

    try:
        info = PdfReader(io.BytesIO(pdf)).metadata or {}
    except (PyPdfError, ValueError, KeyError):  # not a PDF any more: it carries no head
        return ""
    return str(info.get(AUDIT_HEAD_KEY, ""))


def text_sha256(text: str) -> str:
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()
