"""The renderer keeps one font configuration per thread (issue 23, branch f/mem).

WeasyPrint makes a new fontconfig configuration and Pango font map for each document unless given one, and their C
memory never comes back (about 0.23 MB a document: +117 MB an agency in bench/province.py). These tests count how
many the renderer makes; the memory itself is measured by the benchmark, not asserted here.
"""

from __future__ import annotations

import threading

import pytest
from weasyprint.text import fonts

from workflow.documents import rendering

HTML = "<html><body><p>Cộng hòa xã hội chủ nghĩa Việt Nam — Báo cáo thành tích</p></body></html>"


@pytest.fixture
def made(monkeypatch):
    """A fresh per-thread store, and a list of the font configurations WeasyPrint is asked to make."""
    configurations = []

    class Counted(fonts.FontConfiguration):
        def __init__(self):
            super().__init__()
            configurations.append(self)

    monkeypatch.setattr(fonts, "FontConfiguration", Counted)
    monkeypatch.setattr(rendering, "_fonts", threading.local())
    return configurations


def test_documents_rendered_one_after_another_share_one_font_configuration(made):
    # given a process that has rendered nothing yet
    # when three documents are rendered
    pdfs = [rendering.html_to_pdf(HTML).pdf for _ in range(3)]
    # then one font configuration was made for all three, and each PDF has the text
    assert len(made) == 1
    assert all("Báo cáo thành tích" in rendering.pdf_text(pdf) for pdf in pdfs)


def test_another_thread_gets_its_own_font_configuration(made):
    # given a document rendered in this thread
    rendering.html_to_pdf(HTML)
    # when another thread renders one
    texts = []
    worker = threading.Thread(target=lambda: texts.append(rendering.pdf_text(rendering.html_to_pdf(HTML).pdf)))
    worker.start()
    worker.join()
    # then it made its own (a Pango font map is not shared between threads), and its PDF is whole
    assert len(made) == 2
    assert made[0] is not made[1]
    assert "Báo cáo thành tích" in texts[0]
