"""How long and how much memory an Excel export takes (issue 9): 5,000 and 50,000 rows.

Runs the engine's exporter (workflow.exports, openpyxl write-only) over rows shaped like the
dossier list (names with Vietnamese tones, a date, a time, numbers), then reads the file back
with openpyxl read-only as an import would. No database is touched.

    .venv/bin/python bench/exports.py [--memory] [rows ...]
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from workflow.exports import Column, xlsx_bytes  # noqa: E402

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Ngô"]
GIVEN = ["Thị Ánh", "Văn Đức", "Minh Tâm", "Thị Hương", "Quốc Việt", "Ngọc Ẩn", "Hữu Phước"]
COLUMNS = [
    Column("Họ và tên", lambda r: r[0], 28), Column("Đơn vị", lambda r: r[1], 30),
    Column("Danh hiệu", lambda r: r[2], 24), Column("Ngày quyết định", lambda r: r[3], 14),
    Column("Thời điểm lập", lambda r: r[4], 18), Column("Số phiếu", lambda r: r[5], 10),
    Column("Đạt", lambda r: r[6], 8),
]


def rows(count: int):
    start = dt.datetime(2025, 11, 3, 8, 0)
    for i in range(count):
        yield (f"{SURNAMES[i % 10]} {GIVEN[i % 7]} {i}", f"Phòng Khoa giáo – Văn xã {i % 40}", "Lao động tiên tiến",
               dt.date(2025, 12, 1 + i % 28), start + dt.timedelta(minutes=i), 7 + i % 7, i % 3 != 0)


def bench(count: int, *, trace_memory: bool) -> None:
    """Time without tracing (tracemalloc slows Python several times); memory in a traced pass if asked."""
    began = time.perf_counter()
    content = xlsx_bytes(columns=COLUMNS, rows=rows(count), sheet_title="Hồ sơ đề nghị")
    written = time.perf_counter() - began
    peak = 0
    if trace_memory:
        tracemalloc.start()
        xlsx_bytes(columns=COLUMNS, rows=rows(count), sheet_title="Hồ sơ đề nghị")
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

    from io import BytesIO

    from openpyxl import load_workbook

    began = time.perf_counter()
    sheet = load_workbook(BytesIO(content), read_only=True).active
    read = sum(1 for _row in sheet.iter_rows(values_only=True)) - 1
    reading = time.perf_counter() - began
    assert read == count
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    memory = f"peak traced {peak / 2**20:5.1f} MiB, " if trace_memory else ""
    print(f"{count:>7,} rows: export {written:6.2f} s ({written / count * 1000:.2f} ms a row), {memory}"
          f"process peak RSS {rss:5.0f} MiB, file {len(content) / 2**20:5.2f} MiB; read back {reading:5.2f} s")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--memory"]
    for n in [int(a) for a in args] or [5_000, 50_000]:
        bench(n, trace_memory="--memory" in sys.argv)
