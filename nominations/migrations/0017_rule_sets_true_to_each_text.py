"""The three rule sets rewritten so that each is true to its own text (docs/legal-basis.md §2–§4).

0004 applied one list of criteria to NĐ 91/2017, NĐ 98/2023 and NĐ 152/2025 alike. Here each
set gets what its texts say, and only that:

* its printed căn cứ (``RuleSet.legal_basis``, one text per line, only texts whose number, date
  and trích yếu were seen) and its period: NĐ 152/2025 ceases on 01/3/2027 (its Art 60(1)), so
  the set ends on 28/02/2027 and a year 2027 has no rule set until the text replacing it is
  recorded;
* each criterion cites its article and clause; a value no text read confirms keeps 0004's value
  and its citation ends with "— chưa xác minh được văn bản" (what docs/legal-basis.md calls doubtful);
* the differences the texts make: NĐ 91/2017 dropped the 40-working-day rule and left two bars
  to "Lao động tiên tiến" (recruited under 10 months, disciplined from khiển trách), so its set
  has no absence or administrative-sanction row; NĐ 152/2025 Art 33(7) asks a person five years
  "hoàn thành tốt nhiệm vụ trở lên" before a Bằng khen of the Prime Minister (a collective five
  years "hoàn thành xuất sắc"), where the older sets ask "hoàn thành xuất sắc" of both;
* the reward coefficients of each set (NĐ 98/2023 Art 54; NĐ 152/2025 Art 50, 54), for a person
  and for a collective, with the article in ``reward_basis``;
* the vote rule of Bằng khen Thủ tướng and Cờ thi đua tỉnh at the agency council: 70 %, as no
  text puts the 90 % rule (NĐ 91 Art 45(8), NĐ 152 Art 33(5)) on them.

Every changed row gets its history record, so an officer sees in the admin what changed and why.
Going back restores 0004's rows.
"""

import datetime as dt
import importlib
from decimal import Decimal

from django.db import migrations
from django.utils import timezone

D = Decimal
DOUBT = " — chưa xác minh được văn bản"
REASON = "Bộ quy tắc theo đúng từng văn bản (docs/legal-basis.md, migration 0017)"

L03 = "Luật Thi đua, khen thưởng năm 2003"
L22 = "Luật Thi đua, khen thưởng số 06/2022/QH15"
N91 = "Nghị định số 91/2017/NĐ-CP"
N98 = "Nghị định số 98/2023/NĐ-CP"
N152 = "Nghị định số 152/2025/NĐ-CP"
QC = "Quy chế thi đua, khen thưởng của tỉnh, của cơ quan"
NO_REWARD = "Không tìm được văn bản quy định mức thưởng trong bộ quy tắc này" + DOUBT


def doubt(text: str) -> str:
    return text + DOUBT


SECRET_ALL_90 = ("secret", "all_members", D("90"), D("66.67"))
SECRET_ALL_70 = ("secret", "all_members", D("70"), D("66.67"))
HANDS_PRESENT_50 = ("show_of_hands", "present", D("50"), D("66.67"))

RULE_SETS = {
    "ND91_2017": (
        "Nghị định 91/2017/NĐ-CP (đến hết năm 2023)", dt.date(2017, 10, 1), dt.date(2023, 12, 31), [
            "Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003",
            "Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng ngày 14 tháng 6 năm 2005",
            "Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng ngày 16 tháng 11 năm 2013",
            "Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành "
            "một số điều của Luật Thi đua, khen thưởng",
            "Thông tư số 12/2019/TT-BNV ngày 04 tháng 11 năm 2019 của Bộ trưởng Bộ Nội vụ quy định chi tiết "
            "thi hành một số điều của Nghị định số 91/2017/NĐ-CP",
        ]),
    "ND98_2023": (
        "Luật 06/2022/QH15 và Nghị định 98/2023/NĐ-CP (2024 – 30/6/2025)", dt.date(2024, 1, 1),
        dt.date(2025, 6, 30), [
            "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
            "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành "
            "một số điều của Luật Thi đua, khen thưởng",
        ]),
    "ND152_2025": (
        "Luật 06/2022/QH15 và Nghị định 152/2025/NĐ-CP (01/7/2025 – 28/02/2027)", dt.date(2025, 7, 1),
        dt.date(2027, 2, 28), [
            "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
            "Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền "
            "trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của "
            "Luật Thi đua, khen thưởng",
        ]),
}


def _law(rule_set: str) -> str:
    return L03 if rule_set == "ND91_2017" else L22


def _discipline(rule_set: str, level: str = "khiển trách") -> str:
    """Not disciplined in the year: NĐ 152 Art 4(4) states the principle (achievements count from
    the end of a discipline); the level is the agency's rule everywhere."""
    if rule_set == "ND152_2025":
        return doubt(f"Khoản 4 Điều 4 {N152}; mức “{level}” theo {QC}")
    return doubt(f"{QC} (mức “{level}”)")


def _pledge() -> str:
    return doubt(f"{QC} (đăng ký thi đua)")


def ldtt(rs):
    law = _law(rs)
    rows = [("rating_at_least", None, None, "htt", "both", doubt(f"Điều 24 {law}"))]
    if rs == "ND91_2017":
        # NĐ 91/2017 left two bars (nld.com.vn, 08/2017): recruited under 10 months (Art 10, S10) and
        # disciplined from khiển trách; it dropped the 40-day rule of NĐ 65/2014 Art 5(6).
        rows += [
            ("service_months", D("10"), None, "", "both", doubt(f"Điều 10 {N91}; số khoản")),
            ("no_discipline", None, None, "khien_trach", "both", doubt(f"{N91} (mức “khiển trách”); số điều")),
        ]
    else:
        rows += [
            ("service_months", D("10"), None, "", "both", doubt(f"{QC} (10 tháng)")),
            ("absent_days", D("40"), None, "", "both",
             doubt(f"{QC} (40 ngày làm việc; thời gian nghỉ thai sản được tính: khoản 5 Điều 4 {N152})")
             if rs == "ND152_2025" else doubt(f"{QC} (40 ngày làm việc)")),
            ("no_discipline", None, None, "khien_trach", "both", _discipline(rs)),
            ("no_administrative_sanction", None, None, "", "both", doubt(f"{QC} (xử phạt vi phạm hành chính)")),
        ]
    return [*rows, ("pledge_registered", None, None, "", "both", _pledge())]


def cstdcs(rs):
    cap = doubt(f"{QC} (tỷ lệ 15 % số LĐTT; không có trong {N152} — ví dụ Thông tư 08/2019/TT-BLĐTBXH Điều 10)"
                if rs == "ND152_2025" else f"{QC} (tỷ lệ 15 % số LĐTT)")
    if rs == "ND91_2017":
        title, initiative = f"Điểm a khoản 3 Điều 9 {N91}", f"Điểm b khoản 3 Điều 9 {N91}"
        discipline = doubt(f"Điểm a khoản 3 Điều 9 {N91} (đạt tiêu chuẩn LĐTT); mức “khiển trách”")
    else:
        title = doubt(f"Điều 23 {L22}")
        initiative = doubt(f"Điều 23 {L22}")
        if rs == "ND152_2025":
            initiative = doubt(f"Điều 23 {L22}; công nhận bằng Quyết định hoặc văn bản xác nhận (Mẫu số 13): "
                               f"khoản 6 Điều 33 {N152}")
        discipline = _discipline(rs)
    return [
        ("same_cycle_title", None, None, "LDTT", "both", title),
        ("initiatives", D("1"), 1, "co_so", "both", initiative),
        ("agency_cap", D("15"), None, "LDTT", "both", cap),
        ("no_discipline", None, None, "khien_trach", "both", discipline),
        ("pledge_registered", None, None, "", "both", _pledge()),
    ]


def cstd_tinh(rs):
    streak = f"Điều 22 {L03}" if rs == "ND91_2017" else doubt(f"Điều 22 {L22}")
    return [
        ("title_streak", D("3"), None, "CSTDCS", "both", streak),
        ("initiatives", D("1"), 3, "tinh", "both", doubt(f"Điều 22 {_law(rs)} (sáng kiến phạm vi tỉnh)")),
        ("no_discipline", None, None, "khien_trach", "both", _discipline(rs)),
    ]


def cstd_tq(rs):
    initiative = (f"Điểm d khoản 2 Điều 36 {N152}" if rs == "ND152_2025"
                  else doubt(f"Điều 21 {_law(rs)} (sáng kiến phạm vi toàn quốc)"))
    return [
        ("award_count", D("2"), 6, "CSTD_TINH", "both", doubt(f"Điều 21 {_law(rs)} (2 lần liên tục CSTĐ tỉnh)")),
        ("initiatives", D("1"), 6, "toan_quoc", "both", initiative),
        ("no_discipline", None, None, "khien_trach", "both", _discipline(rs)),
    ]


def giay_khen(rs):
    article = doubt(f"{L03} (Giấy khen)") if rs == "ND91_2017" else f"Khoản 1 Điều 75 {L22}"
    return [
        ("rating_at_least", None, None, "htt", "both", doubt(f"{article.removesuffix(DOUBT)}; {QC}")),
        ("no_discipline", None, None, "khien_trach", "person", _discipline(rs)),
        ("members_no_discipline", None, None, "canh_cao", "collective", _discipline(rs, "cảnh cáo")),
    ]


def bk_tinh(rs):
    article = f"{L03} (Bằng khen cấp tỉnh)" if rs == "ND91_2017" else f"Điều 74 {L22}"
    return [
        ("rating_streak", D("2"), None, "htxs", "both", doubt(article)),
        ("initiatives", D("2"), 2, "co_so", "person", doubt(article)),
        ("no_discipline", None, None, "khien_trach", "person", _discipline(rs)),
        ("members_no_discipline", None, None, "canh_cao", "collective", _discipline(rs, "cảnh cáo")),
    ]


def bk_ttg(rs):
    if rs == "ND91_2017":
        earlier = f"Điểm c khoản 1 Điều 38 {N91}"
        streak = [("rating_streak", D("5"), None, "htxs", "both",
                   doubt(f"Điểm c khoản 1 Điều 38 {N91} (cá nhân); tập thể"))]
        initiatives = f"Điểm c khoản 1 Điều 38 {N91}"
    elif rs == "ND98_2023":
        earlier = doubt(f"Khoản 2 Điều 73 {L22}")
        streak = [("rating_streak", D("5"), None, "htxs", "both",
                   doubt(f"Khoản 2 Điều 73 {L22} (giữ mức “hoàn thành xuất sắc” của điểm c khoản 1 Điều 38 {N91})"))]
        initiatives = doubt(f"Khoản 2 Điều 73 {L22}")
    else:
        earlier = doubt(f"Thời gian tính từ lần khen thưởng trước: khoản 7 Điều 33 {N152}; "
                        f"đã có Bằng khen tỉnh: khoản 2 Điều 73 {L22}")
        streak = [
            ("rating_streak", D("5"), None, "htt", "person", f"Khoản 7 Điều 33 {N152}"),
            ("rating_streak", D("5"), None, "htxs", "collective", f"Khoản 7 Điều 33 {N152}"),
        ]
        initiatives = doubt(f"Khoản 2 Điều 73 {L22}")
    return [
        ("award_count", D("1"), None, "BK_TINH", "both", earlier),
        *streak,
        ("initiatives", D("5"), 5, "co_so", "person", initiatives),
        ("no_discipline", None, None, "khien_trach", "person", _discipline(rs)),
        ("members_no_discipline", None, None, "canh_cao", "collective", _discipline(rs, "cảnh cáo")),
    ]


def ttldtt(rs):
    article = doubt(f"Điều 28 {_law(rs)}")
    return [
        ("rating_at_least", None, None, "htt", "both", article),
        ("member_title_ratio_above", D("50"), None, "LDTT", "both", article),
        ("members_no_discipline", None, None, "canh_cao", "both", article),
        ("pledge_registered", None, None, "", "both", _pledge()),
    ]


def ttldxs(rs):
    article = doubt(f"Điều 27 {_law(rs)}")
    return [
        ("same_cycle_title", None, None, "TTLDTT", "both", article),
        ("rating_at_least", None, None, "htxs", "both", article),
        ("member_rating_ratio", D("100"), None, "ht", "both", article),
        ("member_title_ratio_at_least", D("70"), None, "LDTT", "both", article),
        ("member_title_count", D("1"), None, "CSTDCS", "both", article),
        ("members_no_discipline", None, None, "canh_cao", "both", article),
    ]


def co_tinh(rs):
    article = doubt(f"Điều 26 {_law(rs)}")
    return [
        ("same_cycle_title", None, None, "TTLDXS", "both", article),
        ("document", None, None, "Biên bản bình xét, suy tôn của Khối thi đua", "both", article),
    ]


# award → (criteria builder, vote rule); the vote rule is the agency council's, the same in every set.
TITLES = {
    "LDTT": (ldtt, HANDS_PRESENT_50),
    "CSTDCS": (cstdcs, SECRET_ALL_70),
    "CSTD_TINH": (cstd_tinh, SECRET_ALL_90),
    "CSTD_TQ": (cstd_tq, SECRET_ALL_90),
    "GIAY_KHEN": (giay_khen, HANDS_PRESENT_50),
    "BK_TINH": (bk_tinh, SECRET_ALL_70),
    "BK_TTG": (bk_ttg, SECRET_ALL_70),
    "TTLDTT": (ttldtt, HANDS_PRESENT_50),
    "TTLDXS": (ttldxs, SECRET_ALL_70),
    "CO_TINH": (co_tinh, SECRET_ALL_70),
}

# The title's article per set (TitleRule.legal_basis, shown on the check page). The Law 2022's article
# numbers of the titles are inferred from the order of Art 25 and 29 (cited by NĐ 152) except Art 73(2)
# (NĐ 152 Art 27) and Art 75(1) (NĐ 152 Art 54(1)(e)); of the 2003 Law, Art 22, 23 (S11) and 70 (S10)
# were seen quoted. Confirmed parts come first, the doubtful part last.
def _inferred(article: str) -> str:
    return doubt(f"{article} {L22}")


ARTICLES = {
    "ND91_2017": {
        "LDTT": doubt(f"Điều 10 {N91}; Điều 24 {L03}"), "CSTDCS": f"Điều 23 {L03}; khoản 3 Điều 9 {N91}",
        "CSTD_TINH": f"Điều 22 {L03}", "CSTD_TQ": doubt(f"Điều 21 {L03}"), "GIAY_KHEN": doubt(f"{L03} (Giấy khen)"),
        "BK_TINH": doubt(f"{L03} (Bằng khen cấp tỉnh)"), "BK_TTG": f"Điều 70 {L03}; khoản 1 Điều 38 {N91}",
        "TTLDTT": doubt(f"Điều 28 {L03}"), "TTLDXS": doubt(f"Điều 27 {L03}"), "CO_TINH": doubt(f"Điều 26 {L03}"),
    },
    "ND98_2023": {
        "LDTT": _inferred("Điều 24"), "CSTDCS": _inferred("Điều 23"), "CSTD_TINH": _inferred("Điều 22"),
        "CSTD_TQ": _inferred("Điều 21"), "GIAY_KHEN": f"Khoản 1 Điều 75 {L22}", "BK_TINH": _inferred("Điều 74"),
        "BK_TTG": f"Khoản 2 Điều 73 {L22}", "TTLDTT": _inferred("Điều 28"), "TTLDXS": _inferred("Điều 27"),
        "CO_TINH": _inferred("Điều 26"),
    },
    "ND152_2025": {
        "LDTT": _inferred(f"Hồ sơ: điểm c khoản 2 Điều 6 {N152}; tiêu chuẩn: Điều 24"),
        "CSTDCS": _inferred(f"Hồ sơ: điểm c khoản 2 Điều 6 {N152}; tiêu chuẩn: Điều 23"),
        "CSTD_TINH": _inferred(f"Hồ sơ: điểm b khoản 2 Điều 6 {N152}; tiêu chuẩn: Điều 22"),
        "CSTD_TQ": _inferred(f"Hồ sơ: khoản 2 Điều 36 {N152}; biểu quyết: khoản 5 Điều 33 {N152}; "
                             "tiêu chuẩn: Điều 21"),
        "GIAY_KHEN": f"Khoản 1 Điều 75 {L22}; hồ sơ: điểm c khoản 2 Điều 6 {N152}",
        "BK_TINH": _inferred(f"Hồ sơ: điểm b khoản 2 Điều 6 {N152}; tiêu chuẩn: Điều 74"),
        "BK_TTG": f"Khoản 2 Điều 73 {L22}; khoản 7 Điều 33 {N152}; hồ sơ: khoản 1 Điều 42 {N152}",
        "TTLDTT": _inferred(f"Hồ sơ: điểm c khoản 2 Điều 6 {N152}; tiêu chuẩn: Điều 28"),
        "TTLDXS": _inferred(f"Hồ sơ: điểm b khoản 2 Điều 6 {N152}; tiêu chuẩn: Điều 27"),
        "CO_TINH": _inferred(f"Hồ sơ: điểm b khoản 2 Điều 6 {N152}; tiêu chuẩn: Điều 26"),
    },
}

S8 = " (thuvienphapluat.vn, plo.vn; số điều" + DOUBT + ")"
# NĐ 91 Art 73 is the article of Bằng khen and Giấy khen amounts (thuvienphapluat.vn cites its 73(1)(d),
# 73(2)(b)); the amounts are those of plo.vn and muthibiscus.com (S15); the point of each is not read.
S15 = doubt(f"Khoản 1, khoản 2 Điều 73 {N91} (thuvienphapluat.vn, plo.vn, muthibiscus.com); số điểm")
# rule set → award → (person, collective, citation)
COEFFICIENTS = {
    "ND91_2017": {
        "LDTT": (D("0.3"), None, f"{N91}{S8}"),
        "CSTDCS": (D("1.0"), None, f"{N91}{S8}"),
        "CSTD_TINH": (D("3.0"), None, f"{N91}{S8}"),
        "CSTD_TQ": (D("4.5"), None, f"{N91}{S8}"),
        "GIAY_KHEN": (None, None, doubt(
            f"Điều 73 {N91}: Giấy khen của thủ trưởng cơ quan thuộc bộ 0,3, của Chủ tịch UBND cấp xã 0,15 lần; "
            "mức cho Giấy khen của thủ trưởng cơ quan chuyên môn thuộc UBND tỉnh chưa đọc được")),
        "BK_TINH": (D("1.0"), D("2.0"), S15),
        "BK_TTG": (D("3.5"), D("7.0"), S15),
        "TTLDTT": (None, D("0.8"), doubt(f"{N91} (giữ giá trị của danh mục 0004)")),
        "TTLDXS": (None, D("1.5"), doubt(f"{N91} (giữ giá trị của danh mục 0004)")),
        "CO_TINH": (None, None, NO_REWARD),
    },
    "ND98_2023": {
        "LDTT": (D("0.3"), None, f"Khoản 1 Điều 54 {N98}"),
        "CSTDCS": (D("1.0"), None, f"Khoản 1 Điều 54 {N98}"),
        "CSTD_TINH": (D("3.0"), None, f"Khoản 1 Điều 54 {N98}"),
        "CSTD_TQ": (D("4.5"), None, f"Khoản 1 Điều 54 {N98}"),
        "GIAY_KHEN": (None, None, NO_REWARD),
        "BK_TINH": (None, None, NO_REWARD),
        "BK_TTG": (None, None, NO_REWARD),
        "TTLDTT": (None, D("0.8"), f"Khoản 2 Điều 54 {N98}"),
        "TTLDXS": (None, D("1.5"), f"Khoản 2 Điều 54 {N98}"),
        "CO_TINH": (None, D("8.0"), f"Khoản 2 Điều 54 {N98}"),
    },
    "ND152_2025": {
        "LDTT": (D("0.3"), None, f"Điểm d khoản 1 Điều 50 {N152}"),
        "CSTDCS": (D("1.0"), None, f"Điểm c khoản 1 Điều 50 {N152}"),
        "CSTD_TINH": (D("3.0"), None, f"Điểm b khoản 1 Điều 50 {N152}"),
        "CSTD_TQ": (D("4.5"), None, f"Điểm a khoản 1 Điều 50 {N152}"),
        "GIAY_KHEN": (D("0.3"), D("0.6"), f"Điểm e khoản 1, điểm c khoản 2 Điều 54 {N152}"),
        "BK_TINH": (D("1.5"), D("3.0"), f"Điểm b khoản 1, điểm a khoản 2 Điều 54 {N152}"),
        "BK_TTG": (D("3.5"), D("7.0"), f"Điểm a khoản 1, điểm a khoản 2 Điều 54 {N152}"),
        "TTLDTT": (None, D("0.8"), f"Điểm b khoản 2 Điều 50 {N152}"),
        "TTLDXS": (None, D("1.5"), f"Điểm a khoản 2 Điều 50 {N152}"),
        "CO_TINH": (None, D("8.0"), f"Điểm e khoản 2 Điều 50 {N152}"),
    },
}


def spec_0017():
    """rule set → (name, from, to, căn cứ text, {award → (article, vote, coefficients, criteria)})."""
    spec = {}
    for code, (name, start, end, lines) in RULE_SETS.items():
        titles = {award: (ARTICLES[code][award], vote, COEFFICIENTS[code][award], build(code))
                  for award, (build, vote) in TITLES.items()}
        spec[code] = (name, start, end, "\n".join(lines), titles)
    return spec


def spec_0004():
    """0004's rows, to go back to."""
    old = importlib.import_module("nominations.migrations.0004_catalogue_and_rule_sets_data")
    spec = {}
    for code, name, basis, start, end in old.RULE_SETS:
        titles = {}
        for award, (vote, criteria) in old.TITLES.items():
            article = old.ARTICLES[award][0 if code == "ND91_2017" else 1]
            titles[award] = (article, vote, (None, None, ""),
                             [(c, v, y, o, k, own or article) for c, v, y, o, k, own in criteria])
        spec[code] = (name, start, end, basis, titles)
    return spec


def _history(apps, obj, kind, when):
    historical = apps.get_model("nominations", f"Historical{obj._meta.object_name}")
    data = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
    historical.objects.create(**data, history_date=when, history_type=kind, history_change_reason=REASON)


def apply(apps, spec):
    when = timezone.now()
    RuleSet = apps.get_model("nominations", "RuleSet")
    TitleRule = apps.get_model("nominations", "TitleRule")
    TitleCriterion = apps.get_model("nominations", "TitleCriterion")
    for code, (name, start, end, basis, titles) in spec.items():
        rule_set = RuleSet.objects.filter(code=code).first()
        if rule_set is None:  # an installation that removed a set keeps its choice
            continue
        rule_set.name, rule_set.effective_from, rule_set.effective_to, rule_set.legal_basis = name, start, end, basis
        rule_set.save()
        _history(apps, rule_set, "~", when)
        for award, (article, vote, coefficients, criteria) in titles.items():
            rule = TitleRule.objects.filter(rule_set=rule_set, award__code=award).first()
            if rule is None:
                continue
            rule.legal_basis = article
            rule.vote_method, rule.vote_base, rule.vote_threshold_pct, rule.vote_quorum_pct = vote
            if hasattr(rule, "reward_coefficient"):
                rule.reward_coefficient, rule.collective_reward_coefficient, rule.reward_basis = coefficients
            rule.save()
            _history(apps, rule, "~", when)
            for row in TitleCriterion.objects.filter(title_rule=rule):
                _history(apps, row, "-", when)
                row.delete()
            for position, (criterion, value, years, option, kind, text) in enumerate(criteria, start=1):
                row = TitleCriterion.objects.create(
                    title_rule=rule, criterion=criterion, value=value, years=years, option=option,
                    nominee_kind=kind, article=text, position=position)
                _history(apps, row, "+", when)


def load(apps, schema_editor):
    apply(apps, spec_0017())


def unload(apps, schema_editor):
    apply(apps, spec_0004())


class Migration(migrations.Migration):
    dependencies = [
        ("nominations", "0016_title_rule_reward_coefficients"),
    ]

    operations = [migrations.RunPython(load, unload)]
