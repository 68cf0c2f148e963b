"""Column specs of the award domain's lists for the engine's Excel exporter (workflow.exports).

Each list view exports the rows it shows, with the filters in the address; these specs only say
which columns, in Vietnamese, with real dates.
"""

from __future__ import annotations

from operator import itemgetter

from django.utils.translation import gettext_lazy as _

from workflow.exports import Column, ExportSpec, attr

DOSSIERS = ExportSpec(title=_("Hồ sơ đề nghị"), filename="ho-so-de-nghi-khen-thuong", columns=[
    Column(_("Cơ quan"), attr("cycle.agency.name"), 30),
    Column(_("Đợt xét"), attr("cycle.name"), 30),
    Column(_("Năm"), attr("cycle.year"), 8),
    Column(_("Đơn vị"), attr("unit.name"), 40),
    Column(_("Số dòng"), attr("line_count"), 10),
    Column(_("Lần nộp"), attr("round_count"), 10),
    Column(_("Trạng thái"), attr("get_status_display"), 30),
    Column(_("Người lập"), attr("created_by.full_name"), 25),
    Column(_("Thời điểm lập"), attr("created_at"), 18),
])

CYCLES = ExportSpec(title=_("Các đợt xét"), filename="dot-xet-khen-thuong", columns=[
    Column(_("Cơ quan"), attr("agency.name"), 30),
    Column(_("Năm"), attr("year"), 8),
    Column(_("Tên đợt xét"), attr("name"), 40),
    Column(_("Hạn nộp hồ sơ"), attr("nominations_due"), 14),
    Column(_("Công khai từ ngày"), attr("posting_from"), 14),
    Column(_("Công khai đến ngày"), attr("posting_to"), 14),
    Column(_("Ngày họp Hội đồng"), attr("council_date"), 14),
    Column(_("Đang nhận hồ sơ"), attr("is_open"), 10),
])

SESSIONS = ExportSpec(title=_("Phiên họp Hội đồng"), filename="phien-hop-hoi-dong", columns=[
    Column(_("Cơ quan"), attr("cycle.agency.name"), 30),
    Column(_("Đợt xét"), attr("cycle.name"), 30),
    Column(_("Ngày họp"), attr("meeting_date"), 12),
    Column(_("Địa điểm"), attr("venue"), 25),
    Column(_("Trạng thái"), attr("get_status_display"), 25),
    Column(_("Số thành viên có quyền biểu quyết"), attr("members_total"), 12),
    Column(_("Số thành viên có mặt"), attr("members_present"), 12),
    Column(_("Đủ số thành viên dự họp"), attr("quorum_met"), 10),
    Column(_("Số dòng đề nghị"), attr("item_count"), 10),
])

PLEDGES = ExportSpec(title=_("Đăng ký thi đua"), filename="dang-ky-thi-dua", columns=[
    Column(_("Cơ quan"), attr("unit.agency.name"), 30),
    Column(_("Đơn vị"), attr("unit.name"), 40),
    Column(_("Năm"), attr("year"), 8),
    Column(_("Danh hiệu tập thể"), attr("shown_title"), 30),
    Column(_("Trạng thái"), attr("get_status_display"), 25),
    Column(_("Đăng ký muộn"), attr("is_late"), 10),
    Column(_("Bổ sung cho bản trước"), lambda r: r.amends_id is not None, 10),
    Column(_("Thời điểm gửi"), attr("submitted_at"), 18),
    Column(_("Thời điểm chấp nhận"), attr("accepted_at"), 18),
])

MOVEMENTS = ExportSpec(title=_("Phong trào thi đua"), filename="phong-trao-thi-dua", columns=[
    Column(_("Cấp phát động"), attr("get_level_display"), 18),
    Column(_("Phong trào"), attr("name"), 50),
    Column(_("Số văn bản phát động"), attr("document_number"), 18),
    Column(_("Ngày văn bản"), attr("document_date"), 12),
    Column(_("Cơ quan ban hành văn bản"), attr("document_issuer"), 30),
    Column(_("Bắt đầu"), attr("period_start"), 12),
    Column(_("Kết thúc"), attr("period_end"), 12),
    Column(_("Mục tiêu"), attr("aim"), 50),
])

REPORTS = ExportSpec(title=_("Báo cáo tổng kết"), filename="bao-cao-tong-ket", columns=[
    Column(_("Năm"), attr("year"), 8),
    Column(_("Cơ quan"), attr("agency.name"), 40),
    Column(_("Trạng thái"), attr("get_status_display"), 25),
    Column(_("Số, ký hiệu"), attr("document.number_text"), 18),
    Column(_("Thời điểm tổng hợp"), attr("compiled_at"), 18),
])


STATISTICS = ExportSpec(title=_("Thống kê khen thưởng"), filename="thong-ke-khen-thuong", columns=[
    Column(_("Nhóm"), itemgetter("group"), 40),
    Column(_("Danh hiệu, hình thức khen thưởng"), itemgetter("label"), 45),
    Column(_("Kết quả"), itemgetter("outcome"), 20),
    Column(_("Lãnh đạo, quản lý"), itemgetter("leaders"), 12),
    Column(_("Người trực tiếp công tác"), itemgetter("workers"), 12),
    Column(_("Tổng"), itemgetter("total"), 10),
])


def statistics_rows(table: dict) -> list[dict]:
    """The annex's grouped table (``award_statistics``) as flat rows, the group named on each."""
    return [{"group": group["heading"], **row} for group in table["groups"] for row in group["rows"]]
