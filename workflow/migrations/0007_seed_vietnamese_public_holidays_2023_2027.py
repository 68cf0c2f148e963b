"""Vietnamese public holidays 2023–2027 (Bộ luật Lao động 2019, Điều 112), as admin-editable data.

2023–2025: the days off the Prime Minister announced for civil servants, with their
compensatory days and swapped Saturdays. 2026–2027: the statutory days only (lunar dates
computed; a holiday on a weekend is compensated on the next working day, Điều 112 khoản 3;
the day beside 2/9 chosen as noted): administrators correct them when the year's notice comes.
"""

import datetime as dt

from django.db import migrations
from django.utils import timezone

H, W = "holiday", "working"
TDL, TET, GIO_TO = "Tết Dương lịch", "Tết Nguyên đán", "Giỗ Tổ Hùng Vương (10/3 âm lịch)"
GPMN, QTLD, QK = "Ngày Chiến thắng (30/4)", "Ngày Quốc tế Lao động (1/5)", "Quốc khánh (2/9)"
BU = "nghỉ bù"
SWAP = "hoán đổi, làm bù vào thứ Bảy"
TBD = "ngày theo luật; kiểm tra thông báo của Chính phủ"

DAYS = [
    # 2023
    ("2023-01-01", H, TDL, ""), ("2023-01-02", H, TDL, BU),
    *[(f"2023-01-{d:02d}", H, TET, "Quý Mão") for d in range(20, 27)],
    ("2023-04-29", H, GIO_TO, ""), ("2023-04-30", H, GPMN, ""), ("2023-05-01", H, QTLD, ""),
    ("2023-05-02", H, GIO_TO, BU), ("2023-05-03", H, GPMN, BU),
    ("2023-09-01", H, QK, "ngày liền kề"), ("2023-09-02", H, QK, ""), ("2023-09-03", H, QK, ""),
    ("2023-09-04", H, QK, BU),
    # 2024
    ("2024-01-01", H, TDL, ""),
    *[(f"2024-02-{d:02d}", H, TET, "Giáp Thìn") for d in range(8, 15)],
    ("2024-04-18", H, GIO_TO, ""), ("2024-04-29", H, GPMN, SWAP + " 04/5/2024"),
    ("2024-04-30", H, GPMN, ""), ("2024-05-01", H, QTLD, ""), ("2024-05-04", W, "Làm bù ngày 29/4/2024", ""),
    ("2024-09-02", H, QK, ""), ("2024-09-03", H, QK, "ngày liền kề"),
    # 2025
    ("2025-01-01", H, TDL, ""),
    *[(f"2025-01-{d:02d}", H, TET, "Ất Tỵ") for d in range(27, 32)],
    ("2025-04-07", H, GIO_TO, ""), ("2025-04-30", H, GPMN, ""), ("2025-05-01", H, QTLD, ""),
    ("2025-05-02", H, QTLD, SWAP + " 26/4/2025"), ("2025-04-26", W, "Làm bù ngày 02/5/2025", ""),
    ("2025-09-01", H, QK, "ngày liền kề"), ("2025-09-02", H, QK, ""),
    # 2026: statutory days
    ("2026-01-01", H, TDL, ""),
    *[(f"2026-02-{d:02d}", H, TET, "Bính Ngọ; " + TBD) for d in range(16, 21)],
    ("2026-04-26", H, GIO_TO, ""), ("2026-04-27", H, GIO_TO, BU), ("2026-04-30", H, GPMN, ""),
    ("2026-05-01", H, QTLD, ""), ("2026-09-01", H, QK, "ngày liền kề; " + TBD), ("2026-09-02", H, QK, ""),
    # 2027: statutory days
    ("2027-01-01", H, TDL, ""),
    *[(f"2027-02-{d:02d}", H, TET, "Đinh Mùi; " + TBD) for d in range(5, 12)],
    ("2027-04-16", H, GIO_TO, ""), ("2027-04-30", H, GPMN, ""), ("2027-05-01", H, QTLD, ""),
    ("2027-05-03", H, QTLD, BU), ("2027-09-02", H, QK, ""), ("2027-09-03", H, QK, "ngày liền kề; " + TBD),
]


def seed(apps, schema_editor):
    CalendarDay = apps.get_model("workflow", "CalendarDay")
    History = apps.get_model("workflow", "HistoricalCalendarDay")
    now = timezone.now()
    for iso, kind, name, note in DAYS:
        day, created = CalendarDay.objects.get_or_create(
            date=dt.date.fromisoformat(iso), defaults={"kind": kind, "name": name, "note": note}
        )
        if created:
            History.objects.create(
                id=day.pk, date=day.date, kind=kind, name=name, note=note,
                history_date=now, history_type="+", history_change_reason="seed 2023–2027",
            )


def unseed(apps, schema_editor):
    apps.get_model("workflow", "CalendarDay").objects.filter(
        date__in=[dt.date.fromisoformat(iso) for iso, *_ in DAYS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("workflow", "0006_email_notifications")]

    operations = [migrations.RunPython(seed, unseed)]
