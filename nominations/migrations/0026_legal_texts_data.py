"""The legal texts of docs/legal-basis.md §2, each with the dates it is in force, for the "Căn cứ" of the
Quyết định and Tờ trình (``nominations.selectors.legal.grounds_on``).

Only what was read is printed: a text whose number, date or title was not seen is stored not printed
(Thông tư 01/2024/TT-BNV: its date was not read). The dates a text came into force that were not read are
left empty only where nothing is printed; where a text is printed and its commencement was not read, its
date of issue stands in (noted on the row and in docs/legal-basis.md: it matters only for documents signed
before 2017, which the system never issues). The căn cứ thẩm quyền (the decision on the Office's functions,
the province's regulation on emulation and commendation) were not found with the search tools: none is
written here; an administrator records them in the admin when known.
"""

import datetime as dt

from django.db import migrations
from django.utils import timezone

D = dt.date
REASON = "Văn bản căn cứ theo thời gian có hiệu lực (docs/legal-basis.md §2)"
NOT_READ = " Ngày có hiệu lực chưa đọc được: tạm lấy ngày ban hành."
END_2003 = ("Hết hiệu lực từ 01/01/2024, khi Luật Thi đua, khen thưởng số 06/2022/QH15 có hiệu lực (S2; Điều 94 "
            "Luật 2022).")
DETAIL = "Quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng"

# kind, number, issued, issuer, title, in force from, in force to, position, printed, note
TEXTS = [
    ("law", "", D(2003, 11, 26), "Quốc hội", "Luật Thi đua, khen thưởng", D(2003, 11, 26), D(2023, 12, 31), 1, True,
     "S5, S12. Số 15/2003/QH11 chỉ thấy trong một danh mục dữ liệu: chưa xác minh, không in." + NOT_READ + " "
     + END_2003),
    ("law", "", D(2005, 6, 14), "Quốc hội", "Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng",
     D(2005, 6, 14), D(2023, 12, 31), 2, True, "S12. Số chưa thấy." + NOT_READ + " " + END_2003),
    ("law", "", D(2013, 11, 16), "Quốc hội", "Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng",
     D(2013, 11, 16), D(2023, 12, 31), 3, True, "S5, S12. Số (39/2013/QH13) chưa thấy." + NOT_READ + " " + END_2003),
    ("decree", "91/2017/NĐ-CP", D(2017, 7, 31), "Chính phủ", DETAIL, D(2017, 10, 1), D(2023, 12, 31), 1, True,
     "S5, S12; hiệu lực từ 01/10/2017 (S8, plo.vn); được thay bởi Nghị định 98/2023/NĐ-CP từ 01/01/2024 (S7)."),
    ("circular", "12/2019/TT-BNV", D(2019, 11, 4), "Bộ trưởng Bộ Nội vụ",
     "Quy định chi tiết thi hành một số điều của Nghị định số 91/2017/NĐ-CP", D(2019, 11, 4), D(2023, 12, 31), 1, True,
     "S12. Trích yếu bị cắt sau “Nghị đ”: phần cuối được bổ sung, chưa xác minh." + NOT_READ
     + " Hết hiệu lực cùng Nghị định 91/2017/NĐ-CP."),
    ("law", "06/2022/QH15", D(2022, 6, 15), "Quốc hội", "Luật Thi đua, khen thưởng", D(2024, 1, 1), None, 1, True,
     "S2; ngày ban hành cũng có trong căn cứ của Nghị định 152/2025/NĐ-CP (S1)."),
    ("decree", "98/2023/NĐ-CP", D(2023, 12, 31), "Chính phủ", DETAIL, D(2024, 1, 1), D(2025, 6, 30), 1, True,
     "S1, S7; hết hiệu lực khi Nghị định 152/2025/NĐ-CP có hiệu lực (Điều 59 khoản 2 Nghị định 152/2025/NĐ-CP)."),
    ("circular", "01/2024/TT-BNV", None, "Bộ Nội vụ", "Quy định biện pháp thi hành Luật Thi đua, khen thưởng", None,
     None, 1, False, "S6 (chỉ trích yếu). Ngày ban hành và ngày có hiệu lực chưa xác minh được: không in."),
    ("decree", "152/2025/NĐ-CP", D(2025, 6, 14), "Chính phủ",
     "Quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành "
     "một số điều của Luật Thi đua, khen thưởng", D(2025, 7, 1), D(2027, 2, 28), 1, True,
     "S1; hiệu lực từ 01/7/2025 (Điều 59 khoản 1), hết hiệu lực từ 01/3/2027 (Điều 60 khoản 1)."),
]


def load(apps, schema_editor):
    LegalText = apps.get_model("nominations", "LegalText")
    HistoricalLegalText = apps.get_model("nominations", "HistoricalLegalText")
    when = timezone.now()
    for kind, number, issued, issuer, title, start, end, position, printed, note in TEXTS:
        text = LegalText.objects.create(kind=kind, number=number, issued_on=issued, issuer=issuer, title=title,
                                        in_force_from=start, in_force_to=end, position=position, printed=printed,
                                        note=note)
        data = {f.attname: getattr(text, f.attname) for f in text._meta.concrete_fields}
        HistoricalLegalText.objects.create(**data, history_date=when, history_type="+", history_change_reason=REASON)


def unload(apps, schema_editor):
    apps.get_model("nominations", "HistoricalLegalText").objects.all().delete()
    apps.get_model("nominations", "LegalText").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("nominations", "0025_legal_texts"),
    ]

    operations = [migrations.RunPython(load, unload)]
