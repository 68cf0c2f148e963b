"""The catalogue of domain §3 and the three rule sets of domain §2, as data.

Everything here is editable afterwards in the admin (with history); articles not confirmed in
domain.md are written without a number. [P]/[U] parameters (the 15 % cap, 10 months, 40 days,
vote thresholds…) are rows of TitleCriterion / TitleRule, never constants in code.
"""

import datetime as dt
from decimal import Decimal

from django.db import migrations

D = Decimal

LAW_2003 = "Luật Thi đua, khen thưởng năm 2003 (sửa đổi, bổ sung năm 2013)"
LAW_2022 = "Luật Thi đua, khen thưởng số 06/2022/QH15"

AWARDS = [
    # code, name, short, kind, nominee kind, level, authority, coefficient, documents, legal basis
    ("LDTT", "Lao động tiên tiến", "LĐTT", "title", "person", "co_so", "agency_head", D("0.3"),
     "Danh sách đề nghị của đơn vị\nBiên bản bình xét của đơn vị\nBiên bản họp Hội đồng Thi đua – Khen thưởng",
     f"Điều 24 {LAW_2022}"),
    ("CSTDCS", "Chiến sĩ thi đua cơ sở", "CSTĐCS", "title", "person", "co_so", "agency_head", D("1.0"),
     "Danh sách đề nghị của đơn vị\nBiên bản bình xét của đơn vị\nBáo cáo thành tích cá nhân\n"
     "Quyết định công nhận sáng kiến (hoặc biên bản nghiệm thu đề tài)\n"
     "Biên bản họp và kết quả bỏ phiếu kín của Hội đồng Thi đua – Khen thưởng",
     f"Khoản 3 Điều 21 {LAW_2022}"),
    ("CSTD_TINH", "Chiến sĩ thi đua cấp tỉnh", "CSTĐ cấp tỉnh", "title", "person", "tinh", "province_chair",
     D("3.0"),
     "Tờ trình (Mẫu 01)\nBiên bản họp và kết quả bỏ phiếu kín của Hội đồng\nBáo cáo thành tích cá nhân\n"
     "Quyết định công nhận sáng kiến có phạm vi ảnh hưởng cấp tỉnh",
     f"Khoản 2 Điều 21 {LAW_2022}"),
    ("CSTD_TQ", "Chiến sĩ thi đua toàn quốc", "CSTĐ toàn quốc", "title", "person", "nha_nuoc",
     "prime_minister", None,
     "Tờ trình (Mẫu 01)\nBiên bản họp và kết quả bỏ phiếu kín của Hội đồng\nBáo cáo thành tích cá nhân\n"
     "Xác nhận sáng kiến có phạm vi ảnh hưởng toàn quốc",
     f"Khoản 1 Điều 21 {LAW_2022}"),
    ("GIAY_KHEN", "Giấy khen", "Giấy khen", "form", "both", "co_so", "agency_head", None,
     "Danh sách đề nghị của đơn vị\nBiên bản họp Hội đồng Thi đua – Khen thưởng\nBáo cáo tóm tắt thành tích",
     f"Điều 75 {LAW_2022}"),
    ("BK_TINH", "Bằng khen của Chủ tịch UBND tỉnh", "Bằng khen tỉnh", "form", "both", "tinh", "province_chair",
     None,
     "Tờ trình (Mẫu 01)\nBiên bản họp Hội đồng Thi đua – Khen thưởng\n"
     "Báo cáo thành tích (tập thể: Mẫu 02)\nQuyết định công nhận sáng kiến",
     f"Điều 74 {LAW_2022}"),
    ("BK_TTG", "Bằng khen của Thủ tướng Chính phủ", "Bằng khen Thủ tướng", "form", "both", "nha_nuoc",
     "prime_minister", None,
     "Tờ trình (Mẫu 01)\nBiên bản họp Hội đồng Thi đua – Khen thưởng\nBáo cáo thành tích\n"
     "Quyết định tặng Bằng khen của Chủ tịch UBND tỉnh đã có\nQuyết định công nhận sáng kiến",
     f"{LAW_2022} (Bằng khen của Thủ tướng Chính phủ)"),
    ("TTLDTT", "Tập thể lao động tiên tiến", "TTLĐTT", "title", "collective", "co_so", "agency_head", D("0.8"),
     "Danh sách đề nghị của đơn vị\nBiên bản bình xét của đơn vị\nBiên bản họp Hội đồng Thi đua – Khen thưởng",
     f"Điều 28 {LAW_2022}"),
    ("TTLDXS", "Tập thể lao động xuất sắc", "TTLĐXS", "title", "collective", "tinh", "province_chair", D("1.5"),
     "Tờ trình (Mẫu 01)\nBiên bản họp và kết quả bỏ phiếu kín của Hội đồng\nBáo cáo thành tích tập thể (Mẫu 02)",
     f"Điều 27 {LAW_2022}"),
    ("CO_TINH", "Cờ thi đua của UBND tỉnh", "Cờ thi đua tỉnh", "title", "collective", "tinh", "province_chair",
     None,
     "Tờ trình (Mẫu 01)\nBiên bản bình xét, suy tôn của Khối thi đua\nBiên bản họp Hội đồng Thi đua – Khen thưởng\n"
     "Báo cáo thành tích tập thể (Mẫu 02)",
     f"Điều 26 {LAW_2022}"),
]

COMMENDATION_KINDS = [
    ("THUONG_XUYEN", "Khen thưởng thường xuyên", "Theo kết quả thực hiện nhiệm vụ hằng năm."),
    ("CHUYEN_DE", "Khen thưởng theo chuyên đề (theo đợt)", "Tổng kết một phong trào thi đua theo chuyên đề, theo đợt."),
    ("DOT_XUAT", "Khen thưởng đột xuất", "Thành tích đột xuất."),
    ("CONG_HIEN", "Khen thưởng quá trình cống hiến", "Quá trình cống hiến lâu dài."),
    ("NIEN_HAN", "Khen thưởng theo niên hạn", "Theo thời gian công tác."),
    ("DOI_NGOAI", "Khen thưởng đối ngoại", "Cho tổ chức, cá nhân nước ngoài."),
]

RULE_SETS = [
    ("ND91_2017", "Nghị định 91/2017/NĐ-CP (đến hết năm 2023)",
     f"{LAW_2003}; Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ; Thông tư số 12/2019/TT-BNV",
     dt.date(2017, 10, 1), dt.date(2023, 12, 31)),
    ("ND98_2023", "Luật 06/2022/QH15 và Nghị định 98/2023/NĐ-CP (2024 – 30/6/2025)",
     f"{LAW_2022}; Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ; Thông tư số 01/2024/TT-BNV",
     dt.date(2024, 1, 1), dt.date(2025, 6, 30)),
    ("ND152_2025", "Luật 06/2022/QH15 và Nghị định 152/2025/NĐ-CP (từ 01/7/2025)",
     f"{LAW_2022}; Nghị định số 152/2025/NĐ-CP của Chính phủ",
     dt.date(2025, 7, 1), None),
]

# The article of each title under the 2003 law (in force until 2023) and the 2022 law.
ARTICLES = {
    "LDTT": ("Điều 24 " + LAW_2003, "Điều 24 " + LAW_2022),
    "CSTDCS": ("Điều 23 " + LAW_2003, "Khoản 3 Điều 21 " + LAW_2022),
    "CSTD_TINH": ("Điều 22 " + LAW_2003, "Khoản 2 Điều 21 " + LAW_2022),
    "CSTD_TQ": ("Điều 21 " + LAW_2003, "Khoản 1 Điều 21 " + LAW_2022),
    "GIAY_KHEN": (LAW_2003 + " (Giấy khen)", "Điều 75 " + LAW_2022),
    "BK_TINH": (LAW_2003 + " (Bằng khen cấp tỉnh)", "Điều 74 " + LAW_2022),
    "BK_TTG": (LAW_2003 + " (Bằng khen của Thủ tướng Chính phủ)", LAW_2022 + " (Bằng khen của Thủ tướng Chính phủ)"),
    "TTLDTT": ("Điều 28 " + LAW_2003, "Điều 28 " + LAW_2022),
    "TTLDXS": ("Điều 27 " + LAW_2003, "Điều 27 " + LAW_2022),
    "CO_TINH": ("Điều 26 " + LAW_2003, "Điều 26 " + LAW_2022),
}
PRACTICE = "Hướng dẫn bình xét của cơ quan (tham khảo, có thể điều chỉnh)"

# code → (vote rule, criteria); a criterion: (code, value, years, option, nominee kind, article or None = title's)
SECRET_ALL_90 = ("secret", "all_members", D("90"), D("66.67"))
SECRET_ALL_70 = ("secret", "all_members", D("70"), D("66.67"))
HANDS_PRESENT_50 = ("show_of_hands", "present", D("50"), D("66.67"))

PERSON_EXCLUSIONS = [
    ("service_months", D("10"), None, "", "both", PRACTICE),
    ("absent_days", D("40"), None, "", "both", PRACTICE),
    ("no_discipline", None, None, "khien_trach", "both", PRACTICE),
    ("no_administrative_sanction", None, None, "", "both", PRACTICE),
    ("pledge_registered", None, None, "", "both", PRACTICE),
]

TITLES = {
    "LDTT": (HANDS_PRESENT_50, [("rating_at_least", None, None, "htt", "both", None), *PERSON_EXCLUSIONS]),
    "CSTDCS": (SECRET_ALL_70, [
        ("same_cycle_title", None, None, "LDTT", "both", None),
        ("initiatives", D("1"), 1, "co_so", "both", None),
        ("agency_cap", D("15"), None, "LDTT", "both", PRACTICE),
        ("no_discipline", None, None, "khien_trach", "both", PRACTICE),
        ("pledge_registered", None, None, "", "both", PRACTICE),
    ]),
    "CSTD_TINH": (SECRET_ALL_90, [
        ("title_streak", D("3"), None, "CSTDCS", "both", None),
        ("initiatives", D("1"), 3, "tinh", "both", None),
        ("no_discipline", None, None, "khien_trach", "both", PRACTICE),
    ]),
    "CSTD_TQ": (SECRET_ALL_90, [
        ("award_count", D("2"), 6, "CSTD_TINH", "both", None),
        ("initiatives", D("1"), 6, "toan_quoc", "both", None),
        ("no_discipline", None, None, "khien_trach", "both", PRACTICE),
    ]),
    "GIAY_KHEN": (HANDS_PRESENT_50, [
        ("rating_at_least", None, None, "htt", "both", None),
        ("no_discipline", None, None, "khien_trach", "person", PRACTICE),
        ("members_no_discipline", None, None, "canh_cao", "collective", PRACTICE),
    ]),
    "BK_TINH": (SECRET_ALL_70, [
        ("rating_streak", D("2"), None, "htxs", "both", None),
        ("initiatives", D("2"), 2, "co_so", "person", None),
        ("no_discipline", None, None, "khien_trach", "person", PRACTICE),
        ("members_no_discipline", None, None, "canh_cao", "collective", PRACTICE),
    ]),
    "BK_TTG": (SECRET_ALL_90, [
        ("award_count", D("1"), None, "BK_TINH", "both", None),
        ("rating_streak", D("5"), None, "htxs", "both", None),
        ("initiatives", D("5"), 5, "co_so", "person", None),
        ("no_discipline", None, None, "khien_trach", "person", PRACTICE),
        ("members_no_discipline", None, None, "canh_cao", "collective", PRACTICE),
    ]),
    "TTLDTT": (HANDS_PRESENT_50, [
        ("rating_at_least", None, None, "htt", "both", None),
        ("member_title_ratio_above", D("50"), None, "LDTT", "both", None),
        ("members_no_discipline", None, None, "canh_cao", "both", None),
        ("pledge_registered", None, None, "", "both", PRACTICE),
    ]),
    "TTLDXS": (SECRET_ALL_70, [
        ("same_cycle_title", None, None, "TTLDTT", "both", None),
        ("rating_at_least", None, None, "htxs", "both", None),
        ("member_rating_ratio", D("100"), None, "ht", "both", None),
        ("member_title_ratio_at_least", D("70"), None, "LDTT", "both", None),
        ("member_title_count", D("1"), None, "CSTDCS", "both", None),
        ("members_no_discipline", None, None, "canh_cao", "both", None),
    ]),
    "CO_TINH": (SECRET_ALL_90, [
        ("same_cycle_title", None, None, "TTLDXS", "both", None),
        ("document", None, None, "Biên bản bình xét, suy tôn của Khối thi đua", "both", None),
    ]),
}


def _historise(apps, obj, when):
    """The initial rows get their "+" history record, so the history of a parameter starts here."""
    historical = apps.get_model("nominations", f"Historical{obj._meta.object_name}")
    data = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
    historical.objects.create(**data, history_date=when, history_type="+",
                              history_change_reason="Dữ liệu ban đầu theo domain §2–§3 (migration 0002)")


def load(apps, schema_editor):
    from django.utils import timezone

    when = timezone.now()
    created = []
    Award = apps.get_model("nominations", "Award")
    CommendationKind = apps.get_model("nominations", "CommendationKind")
    RuleSet = apps.get_model("nominations", "RuleSet")
    TitleRule = apps.get_model("nominations", "TitleRule")
    TitleCriterion = apps.get_model("nominations", "TitleCriterion")
    awards = {}
    for position, (code, name, short, kind, nominee, level, authority, coefficient, docs, basis) in enumerate(
        AWARDS, start=1
    ):
        awards[code] = award = Award.objects.create(
            code=code, name=name, short_name=short, kind=kind, nominee_kind=nominee, level=level,
            authority=authority, reward_coefficient=coefficient, required_documents=docs, legal_basis=basis,
            position=position,
        )
        created.append(award)
    for position, (code, name, description) in enumerate(COMMENDATION_KINDS, start=1):
        created.append(CommendationKind.objects.create(code=code, name=name, description=description,
                                                       position=position))
    for code, name, basis, start, end in RULE_SETS:
        rule_set = RuleSet.objects.create(code=code, name=name, legal_basis=basis, effective_from=start,
                                          effective_to=end)
        created.append(rule_set)
        old_law = code == "ND91_2017"
        for award_code, ((method, base, threshold, quorum), criteria) in TITLES.items():
            article = ARTICLES[award_code][0 if old_law else 1]
            rule = TitleRule.objects.create(
                rule_set=rule_set, award=awards[award_code], legal_basis=article, vote_method=method,
                vote_base=base, vote_threshold_pct=threshold, vote_quorum_pct=quorum,
            )
            created.append(rule)
            for position, (criterion, value, years, option, kind, own_article) in enumerate(criteria, start=1):
                created.append(TitleCriterion.objects.create(
                    title_rule=rule, criterion=criterion, value=value, years=years, option=option,
                    nominee_kind=kind, article=own_article or article, position=position,
                ))
    for obj in created:
        _historise(apps, obj, when)


def unload(apps, schema_editor):
    """Remove the rows and their history; raw deletes, as the historical models point at the rows
    without database constraints and the deletion collector cannot follow them in a migration."""
    for model in ("TitleCriterion", "TitleRule", "RuleSet", "CommendationKind", "Award"):
        for name in (f"Historical{model}", model):
            rows = apps.get_model("nominations", name).objects.all()
            rows._raw_delete(rows.db)


class Migration(migrations.Migration):
    dependencies = [("nominations", "0003_registries")]

    operations = [migrations.RunPython(load, unload)]
