"""The seed report's prose (``../shared/seed``, the Office's 2023 report) in the shape of the report
flow's compile form: what a secretariat would type, for the demo, the benchmark and the tests."""

from __future__ import annotations

import json

from workflow.documents.examples import SEED_REPORT

MOVEMENT_FIELDS = ("results_prime_minister", "results_ministry", "results_province", "results_socio_economic",
                   "results_agency")
PROSE_FIELDS = ("request", "situation", "favourable", "direction_a", "direction_b", "direction_c", "propaganda",
                "assessment", "tasks", "measures")


def seed_prose() -> dict[str, str]:
    """One paragraph a line; the "a) …" lines head a movement's items, as in the seed."""
    seed = json.loads(SEED_REPORT.read_text(encoding="utf-8"))
    fields = {name: "\n".join(seed[name]) for name in PROSE_FIELDS}
    for name, block in zip(MOVEMENT_FIELDS, seed["movements"], strict=True):
        fields[name] = "\n".join([*block["intro"], *[line for item in block["items"]
                                                      for line in (item["heading"], *item["paragraphs"])]])
    # The seed's Nơi nhận: the Party committee's standing board (BTV ĐU), the trade union and youth branch (BCH
    # Công đoàn, Chi đoàn); "Lưu: VT, HCQT." is the layout's.
    fields["recipients"] = "Như trên;\nVPUB: BTV ĐU, CVP, PCVP;\nBCH Công đoàn, Chi đoàn; các phòng, ban, đơn vị " \
                           "trực thuộc, CBTH;"
    return fields


# What the compile form starts from when the agency has no report of the year before: the seed's prose for the
# parts that rarely change, with the agency and the years in their places (``{agency}`` is its short name, as the
# seed writes "Văn phòng"). One paragraph a line; the secretariat rewrites what does not fit.
DEFAULT_PROSE = {
    "favourable": (
        "{agency} luôn nhận được sự quan tâm, chỉ đạo trực tiếp của cấp trên; sự phối hợp thường xuyên của các cơ "
        "quan, đơn vị và địa phương trong thực hiện nhiệm vụ. Đội ngũ công chức, viên chức được đào tạo cơ bản, đa số "
        "có kinh nghiệm thực tiễn qua nhiều năm công tác, đáp ứng yêu cầu theo vị trí việc làm; luôn nêu cao tinh thần "
        "đoàn kết, trách nhiệm đối với công việc; tích cực tham gia hưởng ứng các phong trào thi đua, hoàn thành tốt "
        "nhiệm vụ được giao.\n"
        "Tuy nhiên, khối lượng công việc chuyên môn nhiều, đa ngành, đa lĩnh vực nên việc hưởng ứng các phong trào "
        "thi đua của công chức, viên chức và người lao động đôi lúc còn hạn chế."
    ),
    "assessment": (
        "Phong trào thi đua của {agency} trong năm {year} được đẩy mạnh và có bước phát triển tốt. Việc triển khai "
        "công tác thi đua, khen thưởng được quan tâm, chú trọng, phát huy hiệu quả trên các mặt công tác, động viên "
        "công chức, viên chức, người lao động hăng hái thi đua hoàn thành xuất sắc nhiệm vụ được giao, nâng cao trách "
        "nhiệm, ý thức tổ chức kỷ luật, kỷ cương hành chính.\n"
        "Các phong trào thi đua được cụ thể hóa và triển khai đúng hướng; nội dung và mục tiêu thi đua phù hợp với yêu "
        "cầu nhiệm vụ; tổ chức tốt việc đăng ký, ký kết giao ước thi đua; phát huy vai trò của các tổ chức đoàn thể "
        "trong phong trào thi đua.\n"
        "Bên cạnh đó, việc phát hiện, bồi dưỡng và nhân rộng các điển hình tiên tiến có lúc chưa kịp thời; một số "
        "phong trào thi đua chưa được sơ kết, tổng kết đúng thời gian.\n"
        "Có được kết quả trên là do sự quan tâm chỉ đạo trực tiếp, toàn diện của lãnh đạo cấp trên, lãnh đạo "
        "{agency} và sự phối hợp của các phòng, ban, đơn vị; đặc biệt là sự đoàn kết, nhất trí của toàn thể công "
        "chức, viên chức, người lao động. Hạn chế còn do khối lượng công việc chuyên môn lớn, thời gian dành cho "
        "công tác thi đua, khen thưởng chưa nhiều."
    ),
    "tasks": (
        "Công tác thi đua, khen thưởng có vị trí rất quan trọng trong việc động viên, khích lệ sự phấn đấu thực hiện "
        "hoàn thành các nhiệm vụ, chỉ tiêu kế hoạch năm {next}. Để hoàn thành tốt nhiệm vụ chính trị được giao, "
        "{agency} phấn đấu thực hiện một số nhiệm vụ chủ yếu sau đây:\n"
        "- Tiếp tục học tập, quán triệt đầy đủ, kịp thời nghị quyết của các cấp ủy Đảng; thực hiện tốt việc học tập "
        "và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; đoàn kết, phát huy trí tuệ, sức mạnh của tập thể.\n"
        "- Tổ chức xây dựng nội dung đăng ký, phát động các phong trào thi đua lập thành tích chào mừng các sự kiện "
        "quan trọng, các ngày lễ lớn của đất nước, của tỉnh; quan tâm xây dựng, nhân rộng các điển hình tiên tiến."
    ),
    "measures": (
        "Để thực hiện các nhiệm vụ đã đề ra, {agency} tập trung thực hiện các nội dung chủ yếu sau:\n"
        "- Xây dựng và thực hiện nhiệm vụ theo Chương trình công tác năm và các kế hoạch công tác năm {next}; bảo "
        "đảm hoàn thành các nhiệm vụ, chỉ tiêu đạt chất lượng, hiệu quả.\n"
        "- Tiếp tục nâng cao chất lượng hoạt động của Hội đồng Thi đua - Khen thưởng, Hội đồng sáng kiến cấp cơ sở; "
        "thực hiện công tác thi đua, khen thưởng đúng quy định, gắn với kết quả thực hiện nhiệm vụ chính trị của tập "
        "thể và cá nhân.\n"
        "- Phối hợp với Ban Chấp hành Công đoàn cơ quan tổ chức phát động, hưởng ứng các phong trào thi đua; kịp "
        "thời khen thưởng, động viên công chức, viên chức và người lao động."
    ),
    "recipients": (
        "Như trên;\n"
        "Lãnh đạo {agency};\n"
        "Ban Thường vụ Đảng ủy {agency};\n"
        "Ban Chấp hành Công đoàn {agency};\n"
        "Ban Chấp hành Đoàn Thanh niên {agency};\n"
        "Các phòng, ban, đơn vị trực thuộc;"
    ),
}


def default_prose(field: str, *, agency_name: str, year: int) -> str:
    """The example of ``field`` for the agency (its short name) and the report's year; "" when there is none."""
    text = DEFAULT_PROSE.get(field, "")
    return text.format(agency=agency_name, year=year, next=year + 1) if text else ""
