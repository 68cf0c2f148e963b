"""Resident memory of a process that renders PDFs one after another with WeasyPrint (issue 23, branch f/mem).

``new``: WeasyPrint's default, a new font configuration (fontconfig config + Pango font map) for each document;
``shared``: one kept for the process, as ``workflow.documents.rendering.font_configuration`` does. Prints the RSS
every 60 documents after ``gc.collect()`` and glibc's ``malloc_trim(0)`` (so what is left is held, not merely
not returned by the allocator).

    .venv/bin/python bench/weasyprint_memory.py new
    .venv/bin/python bench/weasyprint_memory.py shared
"""

from __future__ import annotations

import ctypes
import gc
import sys
import time


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    mode = sys.argv[1] if len(sys.argv) > 1 else "new"
    documents = int(sys.argv[2]) if len(sys.argv) > 2 else 240
    libc = ctypes.CDLL("libc.so.6")
    html = ("<html><body style='font-family: serif'>"
            + "<p>Cộng hòa xã hội chủ nghĩa Việt Nam — Độc lập, Tự do, Hạnh phúc. <b>Báo cáo</b> <i>thành tích</i></p>"
            * 40 + "</body></html>")
    config = FontConfiguration() if mode == "shared" else None
    start = time.perf_counter()
    for index in range(documents + 1):
        weasyprint.HTML(string=html).write_pdf(font_config=config)
        if index % 60 == 0:
            gc.collect()
            libc.malloc_trim(0)
            seconds = time.perf_counter() - start
            print(f"{mode} {index:>4} documents: RSS {rss_mb():.0f} MB ({seconds:.1f} s)", flush=True)


if __name__ == "__main__":
    main()
